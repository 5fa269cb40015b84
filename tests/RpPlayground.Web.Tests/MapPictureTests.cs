using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;
using RpPlayground.Web.Api;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Tests;

/// <summary>
/// Pictures of maps cost no run its turn: they are drawn off the run threads (even while every run thread is busy),
/// each at most once per frame however often it is asked for, and a client that asks for too many new ones is limited;
/// the run threads' priority lane gives the job it interrupts its steps back after each piece of work.
/// </summary>
public sealed class MapPictureTests(ITestOutputHelper output)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    static RunRequest Rp(int iterations, string image = "world/scene-0001") =>
        new("world", image, 2, "rp", new RpOptions { Iterations = iterations }, 0);

    [Fact]
    public async Task PicturesOfAFinishedRunAreDrawnWhileEveryRunThreadIsBusy()
    {
        using var factory = PlaygroundFactory.With(("Runs:MaxConcurrent", "1"));
        using var client = factory.CreateClient();
        var runs = factory.Services.GetRequiredService<RunService>();
        // A gradient map runs on the one worker thread (no model's round thread is started).
        using var run = await runs.StartAsync(new RunRequest("world", "world/scene-0001", 2, "gradient", new GradientOptions(), 0), "tab:a", TestContext.Current.CancellationToken);
        await run.Finished.WaitAsync(Token);
        Assert.Equal(RunState.Completed, run.State);

        // The only run thread is held by a job that takes no steps until the pictures have come back.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var blocker = runs.Submit("tab:b", "holds the run thread", _ =>
        {
            holding.SetResult();
            release.Task.Wait(Token);
            return 0;
        });
        await holding.Task.WaitAsync(Token);
        try
        {
            foreach (var file in new[] { "mask.png", "overlay.png", "figure.svg" })
            {
                var response = await client.GetAsync($"/api/runs/{run.Id}/{file}", Token).WaitAsync(Patience, Token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync(Token));
            }
            Assert.Equal(RunState.Running, blocker.State);
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task APictureAskedForAgainIsNotDrawnAgain()
    {
        using var factory = new PlaygroundFactory();
        using var client = factory.CreateClient();
        var runs = factory.Services.GetRequiredService<RunService>();
        var pictures = factory.Services.GetRequiredService<MapPictures>();
        using var run = await runs.StartAsync(Rp(5), "tab:a", TestContext.Current.CancellationToken);
        await run.Finished.WaitAsync(Token);

        var first = await client.GetByteArrayAsync($"/api/runs/{run.Id}/overlay.png", Token);
        var drawn = pictures.Drawn;
        for (var i = 0; i < 20; i++)
            Assert.Equal(first, await client.GetByteArrayAsync($"/api/runs/{run.Id}/overlay.png", Token));
        Assert.Equal(drawn, pictures.Drawn);
    }

    [Fact]
    public async Task AClientThatAsksForTooManyNewPicturesIsToldWhenToTryAgain()
    {
        using var factory = PlaygroundFactory.With(("RateLimits:DrawingsPerMinute", "2"));
        using var client = factory.CreateClient();
        var runs = factory.Services.GetRequiredService<RunService>();
        using var run = await runs.StartAsync(Rp(5), "tab:a", TestContext.Current.CancellationToken);
        await run.Finished.WaitAsync(Token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{run.Id}/mask.png", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{run.Id}/overlay.png", Token)).StatusCode);
        var limited = await client.GetAsync($"/api/runs/{run.Id}/figure.svg", Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(limited.Headers.RetryAfter);
        // What was drawn is still served to anyone, without counting.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/runs/{run.Id}/overlay.png", Token)).StatusCode);
    }

    [Fact]
    public async Task ARunBesideAStreamOfOverlayRequestsFinishesAboutAsFastAsAlone()
    {
        using var factory = new PlaygroundFactory();
        var runs = factory.Services.GetRequiredService<RunService>();
        var alone = await TimedRun(runs, "tab:alone");

        using var flood = new CancellationTokenSource();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        using var run = await runs.StartAsync(Rp(200, "world/scene-0002"), "tab:victim", TestContext.Current.CancellationToken);
        await run.Frames.ReadAsync(Token);
        var clock = Stopwatch.StartNew();
        var attackers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = factory.CreateClient();
            while (!flood.IsCancellationRequested)
            {
                using var response = await client.GetAsync($"/api/runs/{run.Id}/overlay.png", flood.Token);
                statuses.Add(response.StatusCode);
            }
        }, flood.Token)).ToArray();
        await run.Finished.WaitAsync(Token);
        var besideTheFlood = clock.Elapsed;
        await flood.CancelAsync();
        await Task.WhenAll(attackers.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));

        output.WriteLine($"200 RP iterations alone: {alone.TotalSeconds:0.0} s; beside {statuses.Count} overlay requests on 4 connections: {besideTheFlood.TotalSeconds:0.0} s; " +
            $"{statuses.Count(s => s == HttpStatusCode.OK)} answered, {statuses.Count(s => s == HttpStatusCode.TooManyRequests)} limited");
        Assert.Equal(RunState.Completed, run.State);
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"answered {s}"));
        // Before pictures left the run threads this ratio was about 40 (164.7 s against 4.0 s).
        Assert.True(besideTheFlood < 4 * alone, $"{besideTheFlood.TotalSeconds:0.0} s beside the flood, {alone.TotalSeconds:0.0} s alone");
    }

    [Fact]
    public async Task BetweenTwoStepsAJobServesOnePieceOfPriorityWorkAtMost()
    {
        using var factory = PlaygroundFactory.With(("Runs:MaxConcurrent", "1"));
        var runs = factory.Services.GetRequiredService<RunService>();
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var served = 0;
        using var job = runs.Submit("tab:a", "ten steps", context =>
        {
            started.SetResult();
            queued.Task.Wait(Token);
            var servedAfterStep = new List<int>();
            for (var step = 1; step <= 10; step++)
            {
                context.Step(step / 10.0);
                servedAfterStep.Add(Volatile.Read(ref served));
            }
            return servedAfterStep;
        });
        await started.Task.WaitAsync(Token);
        var pieces = Enumerable.Range(0, 20).Select(_ => runs.InvokeAsync(() => Interlocked.Increment(ref served))).ToArray();
        queued.SetResult();

        var servedAfterStep = await job.Result.WaitAsync(Token);
        output.WriteLine($"priority work served after each of ten steps: {string.Join(", ", servedAfterStep)}");
        for (var step = 1; step <= 10; step++) Assert.True(servedAfterStep[step - 1] <= step, $"{servedAfterStep[step - 1]} pieces served by step {step}");
        await Task.WhenAll(pieces).WaitAsync(Patience, Token);  // the rest, once the thread is idle
        Assert.Equal(20, served);
    }

    static async Task<TimeSpan> TimedRun(RunService runs, string client)
    {
        using var run = await runs.StartAsync(Rp(200, "world/scene-0002"), client, TestContext.Current.CancellationToken);
        await run.Frames.ReadAsync(Token);
        var clock = Stopwatch.StartNew();
        await run.Finished.WaitAsync(Token);
        Assert.Equal(RunState.Completed, run.State);
        return clock.Elapsed;
    }
}
