using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Components.Pages;

/// <summary>
/// The playground: pick a model, an image and a class, run a method, and watch its map and scores stream in. The query
/// string can preset everything (<c>?image=…&amp;target=…&amp;nt=false</c>, as the gallery links do) or name a shared run (<c>?share=ID</c>).
/// </summary>
public partial class Playground
{
    /// <summary>The charts and the x_pt/x_rpt pictures, which change slowly, are redrawn at most this often (and on the last frame).</summary>
    static readonly TimeSpan SlowPartsInterval = TimeSpan.FromMilliseconds(250);

    readonly CancellationTokenSource closing = new();
    PlaygroundState state = new();
    MaskCanvas? canvas;
    PerturbedViews? views;
    DateTime slowPartsDrawn;
    double opacity = 0.6;
    bool highContrast;
    bool presenter;
    bool repaint;  // the pictures were made anew (presenter view switched): paint them after the render

    [Inject] ModelCatalog Catalog { get; set; } = default!;

    [Inject] SampleCatalog Samples { get; set; } = default!;

    [Inject] RunService Runs { get; set; } = default!;

    [Inject] RunClient Client { get; set; } = default!;

    [Inject] SharedRunStore Shared { get; set; } = default!;

    [Inject] NavigationManager Navigation { get; set; } = default!;

    [Inject] RunOptions RunOptions { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "model")] public string? ModelQuery { get; set; }

    [SupplyParameterFromQuery(Name = "image")] public string? ImageQuery { get; set; }

    [SupplyParameterFromQuery(Name = "target")] public string? TargetQuery { get; set; }

    [SupplyParameterFromQuery(Name = "method")] public string? MethodQuery { get; set; }

    // Raw strings: a value that does not parse is reported on the page, never a failed render.
    [SupplyParameterFromQuery(Name = "nt")] public string? NonTargetQuery { get; set; }

    [SupplyParameterFromQuery(Name = "ntw")] public string? NonTargetWeightQuery { get; set; }

    [SupplyParameterFromQuery(Name = "rm")] public string? ReversedMaskQuery { get; set; }

    [SupplyParameterFromQuery(Name = "share")] public string? ShareQuery { get; set; }

    /// <summary><c>view=presenter</c>: the presenter view (large map and x_pt, the switches, Run; the set-up hidden).</summary>
    [SupplyParameterFromQuery(Name = "view")] public string? ViewQuery { get; set; }

    /// <summary><c>replay=ID</c>: plays the gallery example's recording at once (the rest of the link presets a live run).</summary>
    [SupplyParameterFromQuery(Name = "replay")] public string? ReplayQuery { get; set; }

    [CascadingParameter] Layout.MainLayout? Layout { get; set; }

    [Inject] GalleryCatalog Gallery { get; set; } = default!;

    string ImageUrl => $"samples/image/{state.Subject.ImageId}";

    string ScheduleText => SwitchSchedule.Describe(state.Switches, state.Schedule);

    string CanvasDescription => state.Frame?.Classes.FirstOrDefault(c => c.IsTarget) is { } t ? $"The image with the explanation for {t.Label} drawn over it" : "The chosen image";

    bool ModelAvailable => Catalog.Find(state.Subject.ModelId).IsAvailable;

    ModelSpec? SpecOf(string modelId) => Catalog.Find(modelId) is { IsAvailable: true } entry ? entry.Spec : null;

    protected override void OnInitialized()
    {
        var opening = RunSubject.Default(Catalog, Samples);
        state = PlaygroundState.Opening(opening, SpecOf(opening.ModelId)) with { WantedTarget = TargetQuery };
        presenter = string.Equals(ViewQuery, "presenter", StringComparison.OrdinalIgnoreCase);
        if (ShareQuery is not null) OpenShared(ShareQuery);
        else OpenLink();
    }

    // ?share=ID: the shared run's whole definition, as it ran.
    void OpenShared(string id)
    {
        try
        {
            state = Shared.Find(id) is { } shared ? state.Loaded(shared.Definition, SpecOf(shared.Definition.ModelId)) : state.Refused($"There is no shared run '{Core.UserText.Short(id)}'.");
        }
        catch (StorageUnavailableException e)
        {
            state = state.Refused(e.Message);
        }
    }

    // ?model=…&image=…&method=…&nt=…&replay=…: what the link presets; a value that cannot be used is named, the rest applies.
    void OpenLink()
    {
        var problems = new List<string>();
        if (ModelQuery is not null && Catalog.Entries.All(e => !string.Equals(e.Spec.Id, ModelQuery, StringComparison.OrdinalIgnoreCase)))
            problems.Add($"there is no model '{Core.UserText.Short(ModelQuery)}' (models: {string.Join(", ", Catalog.Entries.Select(e => e.Spec.Id))}).");
        else if (ModelQuery is not null) state = state.SubjectChosen(state.Subject with { ModelId = Catalog.Find(ModelQuery).Spec.Id }, SpecOf(ModelQuery));
        if (ImageQuery is not null) state = state.SubjectChosen(state.Subject with { ImageId = ImageQuery }, null);
        if (MethodQuery is { } m && !MethodCatalog.Ids.Contains(m)) problems.Add($"there is no method '{Core.UserText.Short(m)}' (methods: {string.Join(", ", MethodCatalog.Ids)}).");
        else if (MethodQuery is not null) state = state.MethodChosen(MethodQuery);
        var (switches, invalid) = PlaygroundLink.Switches(state.Switches, NonTargetQuery, NonTargetWeightQuery, ReversedMaskQuery);
        state = state with { Switches = switches };
        problems.AddRange(invalid);
        if (problems.Count > 0) state = state.Refused($"Some of the link's settings were not used: {string.Join(" ", problems)}");
        if (ReplayQuery is not null)
        {
            var recording = Gallery.ToReplay(ReplayQuery, out var missing);
            state = state with { Recording = recording, Error = state.Error ?? missing };
        }
    }

    /// <summary>Shows the chosen image in the x, x_pt, x_rpt row before anything runs.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var again = repaint;
        repaint = false;
        if (firstRender && presenter) Layout?.ShowDrawer(false);
        if ((firstRender || again) && views is not null && ModelAvailable) await views.DrawAsync(ImageUrl, null);
        if (!again) return;
        slowPartsDrawn = default;
        if (state is { Frame: { } frame, Shown: { } shown }) await PaintAsync(frame, shown, state.Run?.PublishedAt(frame));
        else if (canvas is not null) await canvas.ClearAsync();
    }

    void TogglePresenter()
    {
        presenter = !presenter;
        repaint = true;
        Layout?.ShowDrawer(!presenter);
    }

    async Task ChooseAsync(RunSubject next)
    {
        var before = state.Subject;
        state = state.SubjectChosen(next, SpecOf(next.ModelId));
        if (!next.SamePicture(before) && views is not null && ModelAvailable) await views.DrawAsync(ImageUrl, null);
    }

    void Change(RpSwitches next)
    {
        if (state.SwitchesReachTheRun) state.Run!.ChangeSwitches(next);
        state = state.SwitchesChanged(next);
    }

    async Task RunAsync()
    {
        state.Run?.Dispose();
        state = state.Starting();
        try
        {
            Client.CountStart();
            state = state.Started(await Runs.StartAsync(RunDefinitions.Settle(state.Definition, Catalog), Client.Id, closing.Token));
        }
        catch (Exception e) when (UserFailure.Is(e))
        {
            state = state.Refused(e.Message);
            return;
        }
        _ = WatchAsync(state.Run!);
    }

    void Stop() => state.Run?.Cancel();

    void Share()
    {
        if (state.Run is not { } run) return;
        try
        {
            state = state.SharedAs(Shared.Save(run).Link);
        }
        catch (Exception e) when (e is InvalidOperationException or StorageUnavailableException)
        {
            state = state.Refused(e.Message);
        }
    }

    async Task WatchAsync(RunHandle watched)
    {
        try
        {
            await RunWatcher.WatchAsync(watched, RunOptions.FramesPerSecond,
                next => PaintAsync(next, new PlaygroundState.ShownRun(watched.Request, watched.History, watched.Pictures), watched.PublishedAt(next)), closing.Token);
            if (ReferenceEquals(state.Run, watched)) state = state.Ended(watched);
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

    Task ShowRecordedAsync(Frame next, IReadOnlyList<Frame> soFar) => state.Recording is { } recording
        ? PaintAsync(next, new PlaygroundState.ShownRun(recording.Definition, soFar, soFar.LastOrDefault(f => f.Pictures is not null)?.Pictures), null)
        : Task.CompletedTask;

    void ReplayChanged(bool playing) => state = playing ? state.ReplayStarted() : state.ReplayEnded();

    // Shows a frame of a run (live or recorded) with the method's newest pictures: the map at once, the tables, charts
    // and pictures at most every SlowPartsInterval.
    async Task PaintAsync(Frame next, PlaygroundState.ShownRun shown, double? publishedAt)
    {
        var slowParts = next.Clean || DateTime.UtcNow - slowPartsDrawn >= SlowPartsInterval;
        state = state.FrameShown(next, shown, slowParts);
        if (canvas is not null) await canvas.DrawAsync(FrameMessage.Quantise(next.Map), next.MapWidth, next.MapHeight, opacity, publishedAt);
        if (slowParts)
        {
            slowPartsDrawn = DateTime.UtcNow;
            if (views is not null) await views.DrawAsync(ImageUrl, shown.Pictures);
        }
        await InvokeAsync(StateHasChanged);
    }

    public void Dispose()
    {
        closing.Cancel();
        state.Run?.Dispose();
        closing.Dispose();
    }
}
