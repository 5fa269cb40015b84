using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs.Scheduling;

namespace RpPlayground.Runs;

/// <summary>
/// One run as its owner and its watchers see it: its frames (each watcher gets a one-slot channel, so a slow reader
/// always gets the newest frame and never a backlog), its history, its last frame and newest pictures, its state, and
/// its <see cref="Control"/> (local, or on a worker). Who executes it is not its business: a run this process runs is
/// given its execution by <see cref="InProcessExecutor"/>; one a worker runs has none here and is fed by
/// <see cref="Remote.RemoteRuns"/>.
/// </summary>
public sealed class RunHandle : QueuedJob
{
    readonly List<Channel<Frame>> watchers = [];
    readonly List<Action<Frame>> observers = [];
    readonly List<Frame> history = [];
    readonly ConditionalWeakTable<Frame, StrongBox<double>> publishedAt = new();
    readonly Action<RunHandle, JobContext>? execute;
    bool ended;

    /// <param name="execute">How this process runs it; null for a run that runs elsewhere (a worker).</param>
    internal RunHandle(string id, RunRequest request, string client, IRunControl control, Func<QueuedJob, int?> position, Action<RunHandle, JobContext>? execute)
        : base(id, client, position)
    {
        Request = request;
        Control = control;
        this.execute = execute;
        Frames = Watch();
    }

    public override string Description => $"{Request.Method} on {Request.SampleId}";

    public RunRequest Request { get; }

    /// <summary>Who may control the run and how its switches change.</summary>
    public IRunControl Control { get; }

    /// <summary>The secret that controls the run (stop, share, switches), given once to whoever started it; null where it is only watched.</summary>
    public string? ControlToken => Control.Token;

    /// <summary>Whether <paramref name="token"/> is this run's control token.</summary>
    public bool IsControlledBy(string? token) => Control.IsControlledBy(token);

    /// <summary>Changes an RP run's switches from its next iteration; throws <see cref="Core.InvalidRequestException"/> with a message for a run without switches.</summary>
    public void ChangeSwitches(RpSwitches switches) => Control.ChangeSwitches(switches);

    /// <summary>The switch changes so far with the iteration each took effect (RP), else none: what a replay of this run applies.</summary>
    public IReadOnlyList<SwitchChange> Schedule => Control.Schedule;

    /// <summary>The owner's view of the newest frames; completes when the run ends.</summary>
    public ChannelReader<Frame> Frames { get; }

    /// <summary>Another view of the newest frames from now on (the hub's clients); completes when the run ends.</summary>
    public ChannelReader<Frame> Watch()
    {
        var channel = Channel.CreateBounded<Frame>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (watchers)
        {
            if (ended) channel.Writer.TryComplete();
            else watchers.Add(channel);
        }
        return channel.Reader;
    }

    /// <summary>Calls <paramref name="observer"/> with every frame from now on, on the thread that publishes it, before any watcher sees it (a worker forwards each frame to the web nodes).</summary>
    public void Observe(Action<Frame> observer)
    {
        lock (watchers) observers.Add(observer);
    }

    /// <summary>The last frame produced, kept even when the reader missed it.</summary>
    public Frame? LastFrame { get; private set; }

    /// <summary>The newest perturbed pictures the method made (frames carry them every few iterations), or null before any.</summary>
    public FramePictures? Pictures { get; private set; }

    internal override void Execute(JobContext context) =>
        (execute ?? throw new InvalidOperationException($"Run {Id} runs elsewhere; this process only watches it."))(this, context);

    internal override string? StoppedMessage => LastFrame is null ? null : "Stopped.";

    /// <summary>Every frame so far without its map and pictures (iteration, loss terms, classes, scores), for export.</summary>
    public IReadOnlyList<Frame> History
    {
        get
        {
            lock (history) return history.ToArray();
        }
    }

    /// <summary>When the frame left the optimiser (Unix time in milliseconds), for measuring how long it takes to reach a screen; null for frames of other runs.</summary>
    public double? PublishedAt(Frame frame) => publishedAt.TryGetValue(frame, out var at) ? at.Value : null;

    /// <param name="publishedAtMs">When the optimiser published it, if elsewhere (a worker); now when null.</param>
    internal void Publish(Frame frame, double? publishedAtMs = null)
    {
        publishedAt.AddOrUpdate(frame, new StrongBox<double>(publishedAtMs ?? (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds));
        LastFrame = frame;
        if (frame.Pictures is { } pictures) Pictures = pictures;
        lock (history) history.Add(frame with { Map = [], Pictures = null });
        lock (watchers)
        {
            foreach (var observer in observers) observer(frame);
            foreach (var watcher in watchers) watcher.Writer.TryWrite(frame);
        }
    }

    private protected override void OnEnded()
    {
        lock (watchers)
        {
            ended = true;
            foreach (var watcher in watchers) watcher.Writer.TryComplete();
            watchers.Clear();
        }
    }
}
