using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Web.Runs;

/// <summary>
/// One run as its owner and its watchers see it: the frames (each watcher gets a one-slot channel, so a slow reader
/// always gets the newest frame and never a backlog), the live switches, its state, the last frame, and a way to stop it.
/// </summary>
public sealed class RunHandle : QueuedJob
{
    readonly List<Channel<Frame>> watchers = [];
    readonly List<Frame> history = [];
    readonly ConditionalWeakTable<Frame, StrongBox<double>> publishedAt = new();
    readonly Action<RunHandle, JobContext> execute;

    internal RunHandle(string id, RunRequest request, RpLiveSwitches? switches, string client, Func<QueuedJob, int?> position, Action<RunHandle, JobContext> execute)
        : base(id, client, position)
    {
        Request = request;
        Switches = switches;
        this.execute = execute;
        Frames = Watch();
    }

    public override string Description => $"{Request.Method} on {Request.SampleId}";

    /// <summary>
    /// The secret that controls the run (stop, share), given once to whoever started it over the API; null on a node
    /// that only watches a run started elsewhere (it knows the token's digest alone).
    /// </summary>
    public string? ControlToken { get; private init; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>The SHA-256 of the control token: all that leaves the node that started the run.</summary>
    internal string ControlDigest => controlDigest ??= Remote.RunBus.Digest(ControlToken!);

    string? controlDigest;

    /// <summary>Whether <paramref name="token"/> is this run's control token (its digest compared in constant time).</summary>
    public bool IsControlledBy(string? token) =>
        token is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Remote.RunBus.Digest(token)), System.Text.Encoding.ASCII.GetBytes(ControlDigest));

    /// <summary>A run started on another node, known here by its definition and its control token's digest.</summary>
    internal static RunHandle Elsewhere(string id, RunRequest request, RpLiveSwitches? switches, string client, string controlDigest) =>
        new(id, request, switches, client, _ => null, (_, _) => throw new InvalidOperationException("A run started elsewhere runs on a worker."))
        {
            ControlToken = null,
            controlDigest = controlDigest,
        };

    /// <summary>The image as PNG bytes when the run carries its own (a worker's run), else null: the image is <c>Request.SampleId</c>.</summary>
    internal byte[]? CarriedImage { get; init; }

    /// <summary>Called with each switch change made through <see cref="ChangeSwitches"/> (a web node forwards it to the worker).</summary>
    internal Action<RpSwitches>? SwitchesChanged { get; set; }

    /// <summary>Called with every frame as it is published, on the thread that publishes it (a worker forwards it to the web nodes).</summary>
    internal Action<Frame>? FramePublished { get; set; }

    /// <summary>Changes an RP run's switches from its next iteration; throws <see cref="ArgumentException"/> with a message for invalid ones or a run without switches.</summary>
    public void ChangeSwitches(RpSwitches switches)
    {
        var live = Switches ?? throw new ArgumentException($"{Request.Method} has no switches.");
        live.Current = switches ?? throw new ArgumentException("No switches were sent.");
        SwitchesChanged?.Invoke(live.Current);
    }

    public RunRequest Request { get; }

    /// <summary>RP's switches, changeable while it runs; null for the other methods.</summary>
    public RpLiveSwitches? Switches { get; }

    /// <summary>The switch changes so far with the iteration each took effect (RP), else none: what a replay of this run applies.</summary>
    public IReadOnlyList<SwitchChange> Schedule => ScheduleElsewhere ?? Switches?.Changes ?? Request.Schedule;

    /// <summary>The switch changes the worker's optimiser used, for a run that ran on a worker (told when it ends).</summary>
    internal IReadOnlyList<SwitchChange>? ScheduleElsewhere { get; set; }

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

    bool ended;

    /// <summary>The last frame produced, kept even when the reader missed it.</summary>
    public Frame? LastFrame { get; private set; }

    /// <summary>The newest perturbed pictures the method made (frames carry them every few iterations), or null before any.</summary>
    public FramePictures? Pictures { get; private set; }

    internal override void Execute(JobContext context) => execute(this, context);

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
        FramePublished?.Invoke(frame);
        lock (history) history.Add(frame with { Map = [], Pictures = null });
        lock (watchers)
            foreach (var watcher in watchers) watcher.Writer.TryWrite(frame);
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
