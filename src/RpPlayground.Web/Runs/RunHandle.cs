using System.Threading.Channels;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Web.Runs;

/// <summary>
/// One run as its owner sees it: the frames (a one-slot channel, so a slow reader always gets the newest frame and
/// never a backlog), the live switches, its state, the last frame, and a way to stop it.
/// </summary>
public sealed class RunHandle : IDisposable
{
    readonly Channel<Frame> frames = Channel.CreateBounded<Frame>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true });
    readonly CancellationTokenSource cancellation = new();
    readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal RunHandle(RunRequest request, RpLiveSwitches? switches)
    {
        Request = request;
        Switches = switches;
    }

    public RunRequest Request { get; }

    /// <summary>RP's switches, changeable while it runs; null for the other methods.</summary>
    public RpLiveSwitches? Switches { get; }

    /// <summary>The newest frames; completes when the run ends.</summary>
    public ChannelReader<Frame> Frames => frames.Reader;

    public RunState State { get; private set; } = RunState.Queued;

    /// <summary>Runs ahead of this one in the queue (0 once it runs).</summary>
    public int QueuePosition { get; internal set; }

    /// <summary>The last frame produced, kept even when the reader missed it.</summary>
    public Frame? LastFrame { get; private set; }

    /// <summary>Why the run failed, in words for the user.</summary>
    public string? Error { get; private set; }

    /// <summary>Completes when the run has ended, however it ended.</summary>
    public Task Finished => finished.Task;

    internal CancellationToken Token => cancellation.Token;

    /// <summary>Stops the run (or takes it out of the queue).</summary>
    public void Cancel() => cancellation.Cancel();

    internal void Started() => State = RunState.Running;

    internal void Publish(Frame frame)
    {
        LastFrame = frame;
        frames.Writer.TryWrite(frame);
    }

    internal void End(RunState state, string? error = null)
    {
        State = state;
        Error = error;
        frames.Writer.TryComplete();
        finished.TrySetResult();
    }

    public void Dispose()
    {
        Cancel();
        cancellation.Dispose();
    }
}
