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
    MaskCanvas? canvas;
    PerturbedViews? views;
    RunHandle? run;
    Frame? frame;
    string? advice;  // the weight advice while a distortion is on screen (DistortionAdvice)
    IReadOnlyList<Frame> history = [];
    DateTime slowPartsDrawn;
    RunSubject subject = new("", "", -1);
    string? wantedTarget;
    string method = RobustPerturbationMethod.MethodId;
    int? steps;
    RpOptions options = new();
    RpSwitches switches = new();
    IReadOnlyList<SwitchChange> schedule = [];
    int seed;
    double opacity = 0.6;
    bool highContrast;
    string? error;
    string? sharedLink;
    bool presenter;
    GalleryRecording? recording;  // a gallery example's recorded run, played instead of computed (?replay=id)
    CancellationTokenSource? replayStop;
    (RunRequest Request, IReadOnlyList<Frame> SoFar, FramePictures? Pictures)? painted;  // what the pictures show, to paint again
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

    bool Running => run is { State: RunState.Queued or RunState.Running };

    bool Replaying => replayStop is not null;

    bool CanShare => run is { State: RunState.Completed or RunState.Cancelled, LastFrame: not null } && sharedLink is null;

    string ImageUrl => $"samples/image/{subject.ImageId}";

    string ScheduleText => SwitchSchedule.Describe(switches, schedule);

    string CanvasDescription => frame?.Classes.FirstOrDefault(c => c.IsTarget) is { } t ? $"The image with the explanation for {t.Label} drawn over it" : "The chosen image";

    string Status => PlaygroundStatus.Describe(run, frame, recording is not null, Replaying, ShownMethod.Kind);

    protected override void OnInitialized()
    {
        subject = RunSubject.Default(Catalog, Samples);
        wantedTarget = TargetQuery;
        presenter = string.Equals(ViewQuery, "presenter", StringComparison.OrdinalIgnoreCase);
        if (ShareQuery is not null)
        {
            try
            {
                if (Shared.Find(ShareQuery) is { } shared) Load(shared.Definition);
                else error = $"There is no shared run '{Core.UserText.Short(ShareQuery)}'.";
            }
            catch (StorageUnavailableException e)
            {
                error = e.Message;
            }
        }
        else
        {
            var problems = new List<string>();
            if (ModelQuery is not null && Catalog.Entries.All(e => !string.Equals(e.Spec.Id, ModelQuery, StringComparison.OrdinalIgnoreCase)))
                problems.Add($"there is no model '{Core.UserText.Short(ModelQuery)}' (models: {string.Join(", ", Catalog.Entries.Select(e => e.Spec.Id))}).");
            else if (ModelQuery is not null) subject = subject with { ModelId = Catalog.Find(ModelQuery).Spec.Id };
            subject = subject with { ImageId = ImageQuery ?? subject.ImageId };
            if (MethodQuery is { } m && !MethodCatalog.Ids.Contains(m)) problems.Add($"there is no method '{Core.UserText.Short(m)}' (methods: {string.Join(", ", MethodCatalog.Ids)}).");
            else ChooseMethod(MethodQuery ?? method);
            (switches, var invalid) = PlaygroundLink.Switches(switches, NonTargetQuery, NonTargetWeightQuery, ReversedMaskQuery);
            problems.AddRange(invalid);
            if (problems.Count > 0) error = $"Some of the link's settings were not used: {string.Join(" ", problems)}";
            if (ReplayQuery is not null)
            {
                recording = Gallery.ToReplay(ReplayQuery, out var missing);
                error ??= missing;
            }
        }
        if (Catalog.Find(subject.ModelId).IsAvailable) options = RpOptions.For(Catalog.Find(subject.ModelId).Spec) with { Iterations = options.Iterations };
    }

    /// <summary>Shows the chosen image in the x, x_pt, x_rpt row before anything runs.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        var again = repaint;
        repaint = false;
        if (firstRender && presenter) Layout?.ShowDrawer(false);
        if ((firstRender || again) && views is not null && Catalog.Find(subject.ModelId).IsAvailable)
            await views.DrawAsync(ImageUrl, null);
        if (again && painted is not null) slowPartsDrawn = default;
        if (again && run is not null && frame is not null) await ShowAsync(run, frame);
        else if (again && painted is { } shown && frame is not null) await PaintAsync(frame, shown.SoFar, shown.Request, null, shown.Pictures);
        else if (again && canvas is not null) await canvas.ClearAsync();
        if (firstRender && recording is not null) _ = ReplayAsync(recording);
    }

    async Task ReplayAsync(GalleryRecording recorded)
    {
        using var stop = replayStop = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
        try
        {
            await RecordingPlayer.PlayAsync(recorded.Replayed(), RunOptions.FramesPerSecond,
                (next, soFar) => PaintAsync(next, soFar, recorded.Definition, null, soFar.LastOrDefault(f => f.Pictures is not null)?.Pictures), stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Run pressed, the picture or the switches changed, or the page is closing
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
        finally
        {
            replayStop = null;
        }
        if (!closing.IsCancellationRequested) await InvokeAsync(StateHasChanged);
    }

    void StopReplay()
    {
        replayStop?.Cancel();
        recording = null;
    }

    void TogglePresenter()
    {
        presenter = !presenter;
        repaint = true;
        Layout?.ShowDrawer(!presenter);
    }

    MethodDescriptor Method => MethodCatalog.Get(method);

    // The method whose map and pictures are on the page: the painted run's, else the chosen one.
    MethodDescriptor ShownMethod => MethodCatalog.Find(painted?.Request.Method) ?? Method;

    /// <summary>The chosen method, its steps reset to its default.</summary>
    void ChooseMethod(string id)
    {
        method = id;
        steps = MethodCatalog.Get(id).Steps?.Default;
        schedule = [];
    }

    // A shared run's whole definition: model, image, class, method, options, switches, their schedule and seed.
    void Load(RunRequest definition)
    {
        subject = new RunSubject(definition.ModelId, definition.SampleId, -1);
        wantedTarget = definition.Target.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (method, seed, schedule) = (definition.Method, definition.Seed, definition.Schedule);
        if (definition.Options is RpOptions rp) (options, switches) = (rp, rp.Switches);
        steps = MethodCatalog.Find(method)?.Steps?.Get(definition.Options);
    }

    async Task ChooseAsync(RunSubject next)
    {
        var modelChanged = next.ModelId != subject.ModelId;
        var imageChanged = next.ImageId != subject.ImageId;
        subject = next;
        if (recording?.Definition is { } played && (next.ModelId != played.ModelId || next.ImageId != played.SampleId || next.Target >= 0 && next.Target != played.Target))
            StopReplay();  // another picture or class than the recording's
        if (modelChanged) options = RpOptions.For(Catalog.Find(next.ModelId).Spec);
        if (!modelChanged && !imageChanged) return;
        frame = null;
        history = [];
        if (views is not null && Catalog.Find(next.ModelId).IsAvailable)
            await views.DrawAsync(ImageUrl, null);
    }

    void Change(RpSwitches next)
    {
        switches = next;
        advice = null;  // the advice was about the switches as they were
        StopReplay();  // the recording used its own switches
        if (Running && run is { Control.HasSwitches: true }) run.ChangeSwitches(next);
        else schedule = [];  // changed before a run: a replayed schedule no longer describes what will happen
    }

    async Task RunAsync()
    {
        StopReplay();
        error = null;
        sharedLink = null;
        frame = null;
        advice = null;
        history = [];
        run?.Dispose();
        run = null;
        try
        {
            Client.CountStart();
            run = await Runs.StartAsync(RunDefinitions.Settle(Definition, Catalog), Client.Id, closing.Token);
        }
        catch (Exception e) when (UserFailure.Is(e))
        {
            error = e.Message;
            return;
        }
        _ = WatchAsync(run);
    }

    // The run the set-up describes: RP's options with the switches as they are now, another method's steps.
    RunDefinition Definition => new()
    {
        Model = subject.ModelId, Image = subject.ImageId, Target = subject.Target.ToString(System.Globalization.CultureInfo.InvariantCulture), Seed = seed,
        Method = method, Schedule = schedule,
        Options = Method.HasLiveSwitches ? MethodJson.ToObject(options with { Switches = switches })
            : steps is { } n && Method.Steps is { } counted ? new System.Text.Json.Nodes.JsonObject { [counted.Name] = n } : null,
    };

    void Stop() => run?.Cancel();

    void Share()
    {
        if (run is null) return;
        try
        {
            sharedLink = Shared.Save(run).Link;
        }
        catch (Exception e) when (e is InvalidOperationException or StorageUnavailableException)
        {
            error = e.Message;
        }
    }

    async Task WatchAsync(RunHandle watched)
    {
        try
        {
            await RunWatcher.WatchAsync(watched, RunOptions.FramesPerSecond, next => ShowAsync(watched, next), closing.Token);
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

    Task ShowAsync(RunHandle watched, Frame next) => PaintAsync(next, watched.History, watched.Request, watched.PublishedAt(next), watched.Pictures);

    // Shows a frame of a run (live or recorded) with the method's newest pictures: the map at once, the tables, charts
    // and pictures at most every SlowPartsInterval.
    async Task PaintAsync(Frame next, IReadOnlyList<Frame> soFar, RunRequest request, double? publishedAt, FramePictures? pictures)
    {
        frame = next;
        advice = DistortionAdvice.For(next, switches) ?? advice;  // once given, it stays until the switches change, rather than flicker with each frame
        painted = (request, soFar, pictures);
        var map = FrameMessage.Quantise(next.Map);
        if (canvas is not null) await canvas.DrawAsync(map, next.MapWidth, next.MapHeight, opacity, publishedAt);
        if (next.Clean || DateTime.UtcNow - slowPartsDrawn >= SlowPartsInterval)
        {
            slowPartsDrawn = DateTime.UtcNow;
            history = soFar;
            if (views is not null) await views.DrawAsync(ImageUrl, pictures);
        }
        await InvokeAsync(StateHasChanged);
    }

    public void Dispose()
    {
        closing.Cancel();  // ends a replay too (its token is linked)
        run?.Dispose();
        closing.Dispose();
    }
}
