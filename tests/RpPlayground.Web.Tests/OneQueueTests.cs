using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Metrics.Deletion;
using RpPlayground.Core.Metrics.Sanity;
using RpPlayground.Runs;
using RpPlayground.Runs.Scheduling;
using RpPlayground.Web.Components.Evaluation;
using RpPlayground.Web.Evaluation;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Tests;

/// <summary>
/// Evaluation work goes through the same queue as runs: a deletion game waits its turn, can be stopped, stops when
/// its page closes, and the site keeps answering while one runs on the ImageNet model.
/// </summary>
public sealed class OneQueueTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly RunSubject Boat = new("world", "world/scene-0001", 2);

    [Fact]
    public async Task WithOneSlotADeletionGameWaitsBehindARunningRunWhichKeepsStepping()
    {
        using var factory = PlaygroundFactory.With(("Runs:MaxConcurrent", "1"));
        var runs = factory.Services.GetRequiredService<RunService>();
        var evaluation = factory.Services.GetRequiredService<EvaluationService>();
        using var run = await runs.StartAsync(new RunRequest("world", Boat.ImageId, Boat.Target, "rp", new RpOptions { Iterations = 120 }, 0), "tab:lecturer", TestContext.Current.CancellationToken);
        await run.Frames.ReadAsync(Token);  // running

        using var game = evaluation.Deletion(Boat, "gradient", DeletionOptions.Deletion, "tab:student");
        Assert.Equal(RunState.Queued, game.State);
        Assert.Equal(0, game.QueuePosition);
        var frameWhenQueued = run.LastFrame!.Iteration;
        await run.Finished.WaitAsync(Token);
        // The run went from its frame when the game arrived to its end without the game starting in between.
        Assert.Equal(RunState.Completed, run.State);
        Assert.True(run.LastFrame!.Iteration == 120 && frameWhenQueued < 120);
        var result = await game.Result.WaitAsync(Token);
        Assert.Equal(RunState.Completed, game.State);
        Assert.True(game.Ended >= run.Ended, "the game finished before the run it was queued behind");
        Assert.Equal(1.0, game.Progress);
        Assert.Equal("gradient", result.Method);
        Assert.True(result.Curve.Length > 2);
    }

    [Fact]
    public async Task AStoppedJobEndsCancelledAndTheNextOneRuns()
    {
        using var factory = new PlaygroundFactory();
        var evaluation = factory.Services.GetRequiredService<EvaluationService>();
        using var sanity = evaluation.Sanity(Boat, "ep", RandomisationMode.Cascading, 0, "tab:a");
        while (sanity.Progress <= 0) await Task.Delay(20, Token);  // explaining: well into its first map
        sanity.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sanity.Result.WaitAsync(Token));
        Assert.Equal(RunState.Cancelled, sanity.State);
        Assert.True(sanity.Progress < 1);

        using var next = evaluation.Deletion(Boat, "gradcam", DeletionOptions.Deletion, "tab:a");
        Assert.Equal("gradcam", (await next.Result.WaitAsync(Token)).Method);
    }

    [Fact]
    public async Task ClosingThePageStopsItsJobAndSkipsTheRestOfItsMethods()
    {
        using var factory = new PlaygroundFactory();
        var evaluation = factory.Services.GetRequiredService<EvaluationService>();
        var jobs = new MethodJobs<DeletionResult>();
        using var closing = new CancellationTokenSource();
        var submitted = new List<ModelJob<DeletionResult>>();
        var running = jobs.RunAsync(["ep", "rp", "gradient"], method =>
        {
            var job = evaluation.Deletion(Boat, method, DeletionOptions.Deletion, "tab:closing");
            submitted.Add(job);
            return job;
        }, () => Task.CompletedTask, closing.Token);
        while (submitted.Count == 0 || submitted[0].Progress <= 0) await Task.Delay(20, Token);
        closing.Cancel();  // the tab closes while EP is explaining
        var finished = await running.WaitAsync(Token);

        Assert.Empty(finished);
        Assert.Single(submitted);  // rp and gradient never queued
        Assert.Equal(RunState.Cancelled, submitted[0].State);
        Assert.Equal(["stopped", "not started", "not started"], jobs.Rows.Select(r => r.Text));
    }

    [Fact]
    public async Task EveryPageAnswersWhileADeletionGameRunsOnDarknetTiny()
    {
        using var factory = new PlaygroundFactory();
        using var client = factory.CreateClient();
        var runs = factory.Services.GetRequiredService<RunService>();
        var evaluation = factory.Services.GetRequiredService<EvaluationService>();
        var photo = factory.Services.GetRequiredService<SampleCatalog>().For("onnx").First().Id;
        var target = (await runs.ClassifyAsync("darknet-tiny", photo, 1))[0].Index;
        using var game = evaluation.Deletion(new RunSubject("darknet-tiny", photo, target), "rp", DeletionOptions.Deletion, "tab:deletion");
        while (game.State != RunState.Running || game.Progress <= 0) await Task.Delay(20, Token);

        foreach (var page in new[] { "/", "/compare", "/deletion", "/sanity", "/learn", "/gallery", "/models" })
        {
            var clock = Stopwatch.StartNew();
            var response = await client.GetAsync(page, Token);
            // The page came back while the game was still running: rendering did not wait for the game.
            Assert.Equal(RunState.Running, game.State);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            TestContext.Current.TestOutputHelper?.WriteLine($"{page}: {clock.ElapsedMilliseconds} ms while the game was at {game.Progress:P0}");
        }
        game.Cancel();
    }

    [Fact]
    public async Task AJobOfTwoRunsWorkHasTwiceARunsTimeLimitAndSaysWhenItIsCut()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var factory = PlaygroundFactory.With(clock, ("Runs:TimeLimitSeconds", "60"));
        var runs = factory.Services.GetRequiredService<RunService>();
        var steps = 0;
        using var job = runs.Submit<int>("tab:game", "a long game", context =>
        {
            while (true)
            {
                Interlocked.Increment(ref steps);
                context.Step(0.5);
                Thread.Sleep(5);
            }
        }, runsOfWork: EvaluationService.DeletionRuns);
        while (Volatile.Read(ref steps) == 0) await Task.Delay(10, Token);

        clock.Advance(TimeSpan.FromSeconds(61));  // past one run's limit
        var seen = Volatile.Read(ref steps);
        while (Volatile.Read(ref steps) < seen + 3) await Task.Delay(10, Token);
        Assert.Equal(RunState.Running, job.State);

        clock.Advance(TimeSpan.FromSeconds(60));  // past two runs' limit
        await job.Finished.WaitAsync(Token);
        Assert.Equal(RunState.Cancelled, job.State);
        Assert.True(job.TimedOut);
        Assert.Equal("Stopped: the time limit of 120 s was reached.", job.Error);
        Assert.Equal(120, runs.TimeLimitFor(EvaluationService.DeletionRuns));
    }

    [Fact]
    public async Task ANodeThatRunsNoModelsSaysSoForEvaluationAndTheClassPicker()
    {
        using var factory = PlaygroundFactory.With(("Runs:EvaluateHere", "false"));
        var runs = factory.Services.GetRequiredService<RunService>();
        var evaluation = factory.Services.GetRequiredService<EvaluationService>();
        var game = Assert.Throws<ModelWorkNotHereException>(() => evaluation.Deletion(Boat, "gradient", DeletionOptions.Deletion, "tab:a"));
        Assert.Contains("Runs:EvaluateHere is false", game.Message);
        await Assert.ThrowsAsync<ModelWorkNotHereException>(() => runs.ClassifyAsync("world", Boat.ImageId, 3));
        // Explanation runs are not evaluation: in-process, they still run here.
        using var run = await runs.StartAsync(new RunRequest("world", Boat.ImageId, Boat.Target, "gradient", new GradientOptions(), 0), "tab:a", Token);
        await run.Finished.WaitAsync(Token);
        Assert.Equal(RunState.Completed, run.State);
    }

    [Fact]
    public async Task AFinishedJobsResultIsLeftToItsCallerNotKeptByTheService()
    {
        using var factory = PlaygroundFactory.With();
        var runs = factory.Services.GetRequiredService<RunService>();
        var result = await SubmitAndDrop(runs);
        // Nothing but the service could hold the result now; it lets go when the job ends (a sanity check's 32 maps
        // stayed in memory, 6 MB a check, while the last 200 jobs were kept).
        for (var tries = 0; result.IsAlive; tries++)
        {
            Assert.True(tries < 500, "the service still holds a finished job's result");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(20, Token);
        }
    }

    // In its own frame, so that no local of the test keeps the job or its result alive.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static async Task<WeakReference> SubmitAndDrop(RunService runs)
    {
        using var job = runs.Submit("tab:sanity", "a large result", _ => new float[1 << 20]);
        return new WeakReference(await job.Result);
    }
}
