using System.Globalization;
using System.Text.Json.Nodes;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Components.Playground;

/// <summary>Where the playground is: nothing shown yet, a recording playing, a run queued or running, or a result on screen.</summary>
public enum PlaygroundPhase
{
    Idle,
    Replaying,
    Running,
    Finished,
}

/// <summary>
/// Everything the playground knows, as one value: the set-up its Run starts (model, image, class, method, options,
/// switches, schedule, seed) and what is on screen (a recording or a run, the frame, the charts' frames, advice, an
/// error, a shared link). The page holds one and replaces it on every event through the transitions below, so what
/// each event does is read, and tested, here rather than in the page.
/// </summary>
public sealed record PlaygroundState
{
    public RunSubject Subject { get; init; } = new("", "", -1);

    /// <summary>The class a link or shared run asked for, by label or index, until the picker has classified the image.</summary>
    public string? WantedTarget { get; init; }

    public string Method { get; init; } = RobustPerturbationMethod.MethodId;

    /// <summary>A stepped method's count (RISE's masks); null for the method's default.</summary>
    public int? Steps { get; init; }

    /// <summary>RP's options fixed at the start; the switches live apart, in <see cref="Switches"/>.</summary>
    public RpOptions Options { get; init; } = new();

    public RpSwitches Switches { get; init; } = new();

    /// <summary>A shared run's switch changes, replayed by the next run until the switches are changed by hand.</summary>
    public IReadOnlyList<SwitchChange> Schedule { get; init; } = [];

    public int Seed { get; init; }

    /// <summary>A gallery example's recorded run, offered or playing (<c>?replay=id</c>).</summary>
    public GalleryRecording? Recording { get; init; }

    /// <summary>Whether <see cref="Recording"/> is playing now.</summary>
    public bool Playing { get; init; }

    /// <summary>The run this page started, if any.</summary>
    public RunHandle? Run { get; init; }

    /// <summary>The frame on screen.</summary>
    public Frame? Frame { get; init; }

    /// <summary>What the pictures on screen come from, to paint them again (a switch to the presenter view).</summary>
    public ShownRun? Shown { get; init; }

    /// <summary>The frames the charts show (brought up to date less often than the map).</summary>
    public IReadOnlyList<Frame> History { get; init; } = [];

    /// <summary>The weight advice while a distortion is on screen (<see cref="DistortionAdvice"/>).</summary>
    public string? Advice { get; init; }

    public string? Error { get; init; }

    public string? SharedLink { get; init; }

    /// <summary>The frames so far of the run or recording on screen, its definition and its newest pictures.</summary>
    public sealed record ShownRun(RunRequest Request, IReadOnlyList<Frame> SoFar, FramePictures? Pictures);

    public PlaygroundPhase Phase => Run switch
    {
        { State: RunState.Queued or RunState.Running } => PlaygroundPhase.Running,
        not null => PlaygroundPhase.Finished,
        null when Playing => PlaygroundPhase.Replaying,
        null when Frame is not null => PlaygroundPhase.Finished,
        _ => PlaygroundPhase.Idle,
    };

    public bool Running => Phase == PlaygroundPhase.Running;

    public bool CanShare => Run is { State: RunState.Completed or RunState.Cancelled, LastFrame: not null } && SharedLink is null;

    /// <summary>The chosen method.</summary>
    public MethodDescriptor ChosenMethod => MethodCatalog.Get(Method);

    /// <summary>The method whose map and pictures are on screen: the shown run's, else the chosen one.</summary>
    public MethodDescriptor ShownMethod => MethodCatalog.Find(Shown?.Request.Method) ?? ChosenMethod;

    public string Status => PlaygroundStatus.Describe(Run, Frame, Recording is not null, Playing, ShownMethod.Kind);

    /// <summary>The run the set-up describes: RP's options with the switches as they are now, another method's count of steps.</summary>
    public RunDefinition Definition => new()
    {
        Model = Subject.ModelId, Image = Subject.ImageId, Target = Subject.Target.ToString(CultureInfo.InvariantCulture), Seed = Seed,
        Method = Method, Schedule = Schedule,
        Options = ChosenMethod.HasLiveSwitches ? MethodJson.ToObject(Options with { Switches = Switches })
            : Steps is { } n && ChosenMethod.Steps is { } counted ? new JsonObject { [counted.Name] = n } : null,
    };

    /// <summary>The page as it opens on <paramref name="subject"/> with RP's options for its model (null when the model is not available).</summary>
    public static PlaygroundState Opening(RunSubject subject, ModelSpec? model) =>
        new PlaygroundState { Subject = subject, Options = model is null ? new RpOptions() : RpOptions.For(model) }.MethodChosen(RobustPerturbationMethod.MethodId);

    /// <summary>
    /// A shared run's whole definition, set up to run again: model, image, class, method, options, switches, schedule
    /// and seed. RP's options are the run's own, or, for another method, those <paramref name="model"/> recommends.
    /// </summary>
    public PlaygroundState Loaded(RunRequest shared, ModelSpec? model) => this with
    {
        Subject = new RunSubject(shared.ModelId, shared.SampleId, -1),
        WantedTarget = shared.Target.ToString(CultureInfo.InvariantCulture),
        Method = shared.Method, Seed = shared.Seed, Schedule = shared.Schedule,
        Options = shared.Options as RpOptions ?? (model is null ? Options : RpOptions.For(model)), Switches = shared.Switches ?? Switches,
        Steps = MethodCatalog.Find(shared.Method)?.Steps?.Get(shared.Options),
    };

    /// <summary>Another method, its steps back at its default; a shared schedule no longer applies.</summary>
    public PlaygroundState MethodChosen(string id) => this with { Method = id, Steps = MethodCatalog.Get(id).Steps?.Default, Schedule = [] };

    /// <summary>
    /// Another model, image or class. A recording of another picture or class stops; another model brings its own RP
    /// options; another picture clears the frame and charts of the old one.
    /// </summary>
    public PlaygroundState SubjectChosen(RunSubject next, ModelSpec? model)
    {
        var played = Recording?.Definition;
        var offPlayed = played is not null && (next.ModelId != played.ModelId || next.ImageId != played.SampleId || next.Target >= 0 && next.Target != played.Target);
        var state = (offPlayed ? ReplayStopped() : this) with { Subject = next };
        if (next.ModelId != Subject.ModelId && model is not null) state = state with { Options = RpOptions.For(model) };
        return next.SamePicture(Subject) ? state : state with { Frame = null, History = [] };
    }

    /// <summary>Whether a switch change now reaches a run in progress (rather than the next run).</summary>
    public bool SwitchesReachTheRun => Running && Run is { Control.HasSwitches: true };

    /// <summary>
    /// The switches changed by hand: the advice was about the old ones, a recording (which used its own) stops, and unless
    /// the change reaches a run in progress, a shared schedule no longer describes what the next run will do.
    /// </summary>
    public PlaygroundState SwitchesChanged(RpSwitches next) =>
        ReplayStopped() with { Switches = next, Advice = null, Schedule = SwitchesReachTheRun ? Schedule : [] };

    public PlaygroundState OptionsChanged(RpOptions next) => this with { Options = next };

    public PlaygroundState SeedChanged(int next) => this with { Seed = next };

    public PlaygroundState StepsChanged(int? next) => this with { Steps = next };

    /// <summary>Run pressed: the old run, result, link, advice and error go; so does a recording.</summary>
    public PlaygroundState Starting() => ReplayStopped() with { Run = null, Frame = null, Shown = null, History = [], Advice = null, Error = null, SharedLink = null };

    public PlaygroundState Started(RunHandle run) => this with { Run = run };

    /// <summary>The run was refused (a full queue, a bad option): the message, and nothing started.</summary>
    public PlaygroundState Refused(string message) => this with { Error = message };

    /// <summary>A frame on screen; <paramref name="charts"/> brings the charts up to date too.</summary>
    public PlaygroundState FrameShown(Frame next, ShownRun shown, bool charts) => this with
    {
        Frame = next, Shown = shown,
        Advice = DistortionAdvice.For(next, Switches) ?? Advice,  // once given, it stays until the switches change, rather than flicker with each frame
        History = charts ? shown.SoFar : History,
    };

    /// <summary>The run ended: its error, if it failed.</summary>
    public PlaygroundState Ended(RunHandle run) => this with { Error = run.State == RunState.Failed ? run.Error : null };

    public PlaygroundState SharedAs(string link) => this with { SharedLink = link };

    public PlaygroundState ReplayStarted() => this with { Playing = Recording is not null };

    public PlaygroundState ReplayEnded() => this with { Playing = false };

    /// <summary>The recording is dropped (its frame stays on screen until something replaces it).</summary>
    public PlaygroundState ReplayStopped() => this with { Recording = null, Playing = false };
}
