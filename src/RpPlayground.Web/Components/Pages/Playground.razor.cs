using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Components.Pages;

/// <summary>The playground: pick a model, an image and a class, run a method, and watch its map and scores stream in.</summary>
public partial class Playground
{
    /// <summary>Each method's name with its paper, as the methods give it.</summary>
    static readonly IReadOnlyDictionary<string, string> MethodNames = MethodFactory.Ids.ToDictionary(id => id, id => MethodFactory.Create(id, new MethodSettings()).Name);

    /// <summary>Frames drawn per second at most; a newer frame replaces one not yet drawn.</summary>
    const int FramesPerSecond = 20;

    readonly CancellationTokenSource closing = new();
    MaskCanvas? canvas;
    RunHandle? run;
    Frame? frame;
    string? modelId;
    string? sampleId;
    int target;
    string method = "rp";
    int iterations = new RpOptions().Iterations;
    RpSwitches switches = new();
    double opacity = 0.6;
    string? error;
    IReadOnlyList<ClassScore> topClasses = [];

    [Inject] ModelCatalog Catalog { get; set; } = default!;

    [Inject] SampleCatalog Samples { get; set; } = default!;

    [Inject] RunService Runs { get; set; } = default!;

    bool Running => run is { State: RunState.Queued or RunState.Running };

    string ImageUrl => $"samples/image/{sampleId}";

    string CanvasDescription => frame is null ? "The chosen image" : $"The image with the explanation for {topClasses.FirstOrDefault(c => c.Index == target)?.Label} drawn over it";

    string Status => run switch
    {
        null => "Choose an image and a class, then Run.",
        { State: RunState.Queued } => $"Waiting: {run.QueuePosition + 1} run(s) ahead.",
        { State: RunState.Running } => frame is null ? "Starting…" : $"Iteration {frame.Iteration} of {frame.Iterations}, {frame.ElapsedMs / 1000:0.0} s",
        { State: RunState.Completed } => $"Done: {frame?.Iterations} iterations in {frame?.ElapsedMs / 1000:0.0} s.",
        { State: RunState.Cancelled } => "Stopped.",
        _ => "Failed.",
    };

    protected override async Task OnInitializedAsync()
    {
        modelId = Catalog.DefaultId;
        sampleId = Samples.Items.FirstOrDefault()?.Id;
        await RefreshClassesAsync();
    }

    async Task ChooseModelAsync(string id)
    {
        modelId = id;
        await RefreshClassesAsync();
    }

    async Task ChooseSampleAsync(string id)
    {
        sampleId = id;
        frame = null;
        await RefreshClassesAsync();
    }

    async Task RefreshClassesAsync()
    {
        error = null;
        topClasses = [];
        if (modelId is null || sampleId is null) return;
        try
        {
            topClasses = await Runs.ClassifyAsync(modelId, sampleId, 8);
            target = topClasses[0].Index;
        }
        catch (Exception e) when (e is ArgumentException or UnknownModelException or Core.Images.ImageRejectedException)
        {
            error = e.Message;
        }
    }

    void Change(RpSwitches next)
    {
        switches = next;
        if (run?.Switches is { } live) live.Current = next;
    }

    async Task RunAsync()
    {
        error = null;
        frame = null;
        run?.Dispose();
        try
        {
            run = Runs.Start(new RunRequest(modelId!, sampleId!, target, method, Settings(), Seed: 0));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or UnknownModelException)
        {
            error = e.Message;
            return;
        }
        _ = WatchAsync(run);
    }

    void Stop() => run?.Cancel();

    // The model's recommended substrate and noise (see its declaration), the page's iterations and switches.
    MethodSettings Settings()
    {
        var spec = Catalog.Find(modelId!).Spec;
        var rp = RpOptions.For(spec) with { Iterations = iterations };
        return new MethodSettings { Rp = rp, Switches = switches, Substrate = rp.Substrate };
    }

    async Task WatchAsync(RunHandle watched)
    {
        try
        {
            await foreach (var next in watched.Frames.ReadAllAsync(closing.Token))
            {
                await ShowAsync(next);
                await Task.Delay(1000 / FramesPerSecond, closing.Token);
            }
            await watched.Finished;
            if (watched.LastFrame is { } last && !ReferenceEquals(last, frame)) await ShowAsync(last);
            error = watched.State == RunState.Failed ? watched.Error : null;
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
            // the page is closing
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    }

    async Task ShowAsync(Frame next)
    {
        frame = next;
        if (canvas is not null)
            await canvas.DrawAsync(FrameMessage.Quantise(next.Map), next.MapWidth, next.MapHeight, opacity);
        await InvokeAsync(StateHasChanged);
    }

    public void Dispose()
    {
        closing.Cancel();
        run?.Dispose();
        closing.Dispose();
    }
}
