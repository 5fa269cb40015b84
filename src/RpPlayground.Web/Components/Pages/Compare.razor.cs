using System.Globalization;
using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Components.Pages;

/// <summary>The six methods on one image and class, one run after another in the shared queue, each map shown as it finishes.</summary>
public partial class Compare : IDisposable
{
    static readonly IFormatProvider Invariant = CultureInfo.InvariantCulture;

    /// <summary>The cards show progress, not maps, while a method runs: four updates a second are plenty.</summary>
    const int CardUpdatesPerSecond = 4;

    readonly CancellationTokenSource closing = new();
    List<(string Id, RunHandle? Run)> runs = [];  // a method not started yet has no run
    RunSubject subject = default!;
    string? error;
    CancellationTokenSource? stopping;

    [Inject] ModelCatalog Catalog { get; set; } = default!;

    [Inject] SampleCatalog Samples { get; set; } = default!;

    [Inject] RunService Runs { get; set; } = default!;

    [Inject] RunClient Client { get; set; } = default!;

    bool Running => stopping is not null;

    protected override void OnInitialized()
    {
        subject = RunSubject.Default(Catalog, Samples);
        runs = MethodCatalog.Ids.Select(id => (id, (RunHandle?)null)).ToList();  // a card per method, saying what it will do
    }

    // One method after another, each a run of its own in the shared queue (so other people's runs take their turns between them).
    async Task Start()
    {
        error = null;
        Stop();
        runs = MethodCatalog.Ids.Select(id => (id, (RunHandle?)null)).ToList();
        using var stop = stopping = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
        try
        {
            Client.CountStart();  // the six runs are one start
            for (var i = 0; i < runs.Count && !stop.IsCancellationRequested; i++)
            {
                var definition = new RunDefinition { Model = subject.ModelId, Image = subject.ImageId, Target = subject.Target.ToString(System.Globalization.CultureInfo.InvariantCulture), Method = runs[i].Id };
                var run = await Runs.StartAsync(RunDefinitions.Settle(definition, Catalog), Client.Id, stop.Token);
                runs[i] = (runs[i].Id, run);
                await WatchAsync(run, stop.Token);
            }
        }
        catch (Exception e) when (UserFailure.Is(e))
        {
            error = e.Message;
        }
        finally
        {
            stopping = null;
        }
    }

    void Stop()
    {
        stopping?.Cancel();
        foreach (var (_, run) in runs) run?.Cancel();
    }

    async Task WatchAsync(RunHandle run, CancellationToken stop)
    {
        try
        {
            await RunWatcher.WatchAsync(run, CardUpdatesPerSecond, _ => InvokeAsync(StateHasChanged), stop);
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
            run.Cancel();  // stopped, or the page is closing
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    // Before Run, what will happen: the method's steps with the authors' count.
    string StateText(string id, RunHandle? run) => run?.State switch
    {
        null => (MethodCatalog.Get(id).Steps is { } steps ? $"Will run {steps.Default} {steps.Name}." : "Will explain in one pass.") +
                (Running ? " Waits for the methods before it." : ""),
        RunState.Queued => "Waiting for the methods before it…",
        RunState.Running => $"Iteration {run.LastFrame?.Iteration ?? 0} of {run.LastFrame?.Iterations}",
        RunState.Cancelled => "Stopped.",
        _ => run.Error ?? "Failed.",
    };

    static double Progress(RunHandle? run) => run?.LastFrame is { } f ? 100.0 * f.Iteration / f.Iterations : 0;

    public void Dispose()
    {
        closing.Cancel();
        Stop();
        closing.Dispose();
    }
}
