using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Tests;

/// <summary>Runs in flight together advance in rounds on their model's thread; one leaving does not stop the others.</summary>
public sealed class RoundTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static RunRequest Rp(int iterations, int seed = 0) => new("world", "world/scene-0001", 2, "rp", new RpOptions { Iterations = iterations }, seed);

    [Fact]
    public async Task RunsInFlightStepTogetherAndAStoppedOneLeavesWhileTheOthersFinish()
    {
        using var factory = PlaygroundFactory.With(("Runs:MaxConcurrent", "3"), ("Runs:MaxBatch", "4"));
        var runs = factory.Services.GetRequiredService<RunService>();
        using var a = await runs.StartAsync(Rp(300), "tab:a", TestContext.Current.CancellationToken);
        using var b = await runs.StartAsync(Rp(5000, seed: 1), "tab:b", TestContext.Current.CancellationToken);
        using var c = await runs.StartAsync(new RunRequest("world", "world/scene-0002", 0, "mp", new MpOptions { Iterations = 300 }, 0), "tab:c", TestContext.Current.CancellationToken);
        while (runs.RunsInRounds("world") < 3) await Task.Delay(10, Token);  // all three in the rounds at once
        Assert.All(new[] { a, b, c }, r => Assert.Equal(RunState.Running, r.State));

        b.Cancel();
        await b.Finished.WaitAsync(Token);
        await Task.WhenAll(a.Finished, c.Finished).WaitAsync(Token);
        Assert.Equal(RunState.Cancelled, b.State);
        Assert.True(b.LastFrame!.Iteration < 5000);
        Assert.All(new[] { a, c }, r =>
        {
            Assert.Equal(RunState.Completed, r.State);
            Assert.True(r.LastFrame!.Clean);
            Assert.Equal(300, r.LastFrame.Iteration);
        });
        Assert.Equal(0, runs.RunsInRounds("world"));
    }

    [Fact]
    public async Task ARunThatReachesItsTimeLimitLeavesTheRoundAndTheOthersFinish()
    {
        var clock = new FakeTimeProvider();
        using var factory = PlaygroundFactory.With(clock, ("Runs:MaxConcurrent", "3"), ("Runs:MaxBatch", "4"), ("Runs:TimeLimitSeconds", "60"));
        var runs = factory.Services.GetRequiredService<RunService>();
        using var early = await runs.StartAsync(Rp(5000), "tab:a", TestContext.Current.CancellationToken);
        while (runs.RunsInRounds("world") < 1) await Task.Delay(10, Token);
        clock.Advance(TimeSpan.FromSeconds(30));  // the others start half a limit later, so only the first one's limit falls due below
        using var b = await runs.StartAsync(Rp(300, seed: 1), "tab:b", TestContext.Current.CancellationToken);
        using var c = await runs.StartAsync(new RunRequest("world", "world/scene-0002", 0, "mp", new MpOptions { Iterations = 300 }, 0), "tab:c", TestContext.Current.CancellationToken);
        while (runs.RunsInRounds("world") < 3) await Task.Delay(10, Token);

        clock.Advance(TimeSpan.FromSeconds(31));
        await early.Finished.WaitAsync(Token);
        await Task.WhenAll(b.Finished, c.Finished).WaitAsync(Token);
        Assert.Equal(RunState.Cancelled, early.State);
        Assert.Equal("Stopped: the time limit of 60 s was reached.", early.Error);
        Assert.True(early.LastFrame!.Iteration < 5000);
        Assert.All(new[] { b, c }, r =>
        {
            Assert.Equal(RunState.Completed, r.State);
            Assert.Equal(300, r.LastFrame!.Iteration);
        });
    }
}
