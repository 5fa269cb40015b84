using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Tests;

/// <summary>The run service of the real host, on the built-in world model and its sample scenes.</summary>
public sealed class RunServiceTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    const string Scene = "world/scene-0001";

    RunService Runs => factory.Services.GetRequiredService<RunService>();

    static RunRequest Request(int iterations = 5, string sample = Scene, string model = "world") =>
        new(model, sample, 2, "rp", new RpOptions { Iterations = iterations }, 0);

    [Fact]
    public async Task ARunStreamsFramesAndEndsWithACleanFrame()
    {
        using var run = await Runs.StartAsync(Request(), "test", TestContext.Current.CancellationToken);
        var seen = 0;
        await foreach (var _ in run.Frames.ReadAllAsync(TestContext.Current.CancellationToken)) seen++;
        await run.Finished;
        Assert.Equal(RunState.Completed, run.State);
        Assert.InRange(seen, 1, 6);
        Assert.True(run.LastFrame!.Clean);
        Assert.Equal(5, run.LastFrame.Iteration);
    }

    [Fact]
    public async Task ARunKeepsTheMethodsNewestPicturesAndItsHistoryKeepsNone()
    {
        using var run = await Runs.StartAsync(Request(iterations: 15), "test-pictures", TestContext.Current.CancellationToken);
        Assert.Null(run.Pictures);
        await run.Finished.WaitAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(run.LastFrame!.Pictures);
        Assert.Same(run.LastFrame.Pictures, run.Pictures);
        Assert.NotNull(run.Pictures!.Reversed);  // RP makes x_rpt too
        Assert.All(run.History, f => Assert.Null(f.Pictures));
    }

    [Fact]
    public async Task StopEndsTheRunAsCancelled()
    {
        using var run = await Runs.StartAsync(Request(iterations: 2000), "test", TestContext.Current.CancellationToken);
        await run.Frames.ReadAsync(TestContext.Current.CancellationToken);
        run.Cancel();
        await run.Finished;
        Assert.Equal(RunState.Cancelled, run.State);
        Assert.True(run.LastFrame!.Iteration < 2000);
    }

    [Fact]
    public async Task ASwitchChangedDuringTheRunReachesTheOptimiser()
    {
        using var run = await Runs.StartAsync(Request(iterations: 400), "test", TestContext.Current.CancellationToken);
        await run.Frames.ReadAsync(TestContext.Current.CancellationToken);
        run.ChangeSwitches(run.Control.CurrentSwitches! with { NonTarget = false });
        await run.Finished;
        Assert.DoesNotContain(RpObjective.NonTarget, run.LastFrame!.Loss.Keys);
    }

    [Fact]
    public async Task BadRequestsAreRefusedWithAMessage()
    {
        Assert.Contains("no image", (await Assert.ThrowsAsync<InvalidRequestException>(() => Runs.StartAsync(Request(sample: "../../etc/passwd"), "test", TestContext.Current.CancellationToken))).Message);
        Assert.Contains("no model", (await Assert.ThrowsAsync<UnknownModelException>(() => Runs.StartAsync(Request(model: "nope"), "test", TestContext.Current.CancellationToken))).Message);
        Assert.Contains("Iterations", (await Assert.ThrowsAsync<InvalidRequestException>(() => Runs.StartAsync(Request(iterations: 0), "test", TestContext.Current.CancellationToken))).Message);
    }

    [Fact]
    public async Task ClassifyingASampleRunsOnTheRunThreads()
    {
        var top = await Runs.ClassifyAsync("world", Scene, 3);
        Assert.Equal(3, top.Count);
        Assert.True(top[0].Probability >= top[1].Probability);
    }
}
