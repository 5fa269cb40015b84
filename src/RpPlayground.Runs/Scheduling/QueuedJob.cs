namespace RpPlayground.Runs.Scheduling;

/// <summary>
/// Anything that waits in the run queue for a run thread: an explanation run (<see cref="RunHandle"/>) or one piece of
/// an evaluation (<see cref="ModelJob{T}"/>, one method of a deletion game or a sanity check). Each has its owner, its
/// place in the queue, its own cancellation and time limit, and a state that says how it ended.
/// </summary>
public abstract class QueuedJob : IDisposable
{
    readonly CancellationTokenSource cancellation = new();
    readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Func<QueuedJob, int?> position;

    private protected QueuedJob(string id, string client, Func<QueuedJob, int?> position)
    {
        Id = id;
        Client = client;
        this.position = position;
    }

    /// <summary>The job's id: enough to watch it, not to control it.</summary>
    public string Id { get; }

    /// <summary>Who started it (a browser tab, or an API client's address), for per-client limits and fair turns.</summary>
    public string Client { get; }

    /// <summary>
    /// How many runs' worth of work the job is (its time limit is this many times <c>Runs:TimeLimitSeconds</c>): 1 for
    /// a run; an evaluation job says what it holds (a deletion game explains once and plays, a sanity check explains
    /// once per stage).
    /// </summary>
    public int RunsOfWork { get; init; } = 1;

    /// <summary>Whether the job steps in its model's rounds (a mask-optimising run) rather than taking an unbatched slot.</summary>
    public bool Batched { get; init; }

    /// <summary>Whether the job ended because it reached its time limit.</summary>
    public bool TimedOut { get; private set; }

    internal void MarkTimedOut() => TimedOut = true;

    /// <summary>What the job is, for people and logs ("rp on world/scene-0001").</summary>
    public abstract string Description { get; }

    public RunState State { get; private set; } = RunState.Queued;

    /// <summary>Jobs that will start before this one (0 once it runs), read from the queue under its lock.</summary>
    public int QueuePosition => State == RunState.Queued ? position(this) ?? 0 : 0;

    /// <summary>Why the job failed or stopped, in words for the user.</summary>
    public string? Error { get; private set; }

    /// <summary>Completes when the job has ended, however it ended.</summary>
    public Task Finished => finished.Task;

    /// <summary>When the job ended (for keeping the most recent ones).</summary>
    public DateTimeOffset Ended { get; private set; } = DateTimeOffset.MaxValue;

    internal CancellationToken Token => cancellation.Token;

    /// <summary>Stops the job (or takes it out of the queue).</summary>
    public void Cancel() => cancellation.Cancel();

    /// <summary>When the job left the queue for a run thread; null while it waits.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    internal void Started()
    {
        StartedAt = DateTimeOffset.UtcNow;
        State = RunState.Running;
    }

    double progress;

    /// <summary>How far the job is, 0 to 1, as its last step reported.</summary>
    public double Progress => Volatile.Read(ref progress);

    /// <summary>Runs the job on the calling run thread; <paramref name="context"/> carries its cancellation (with the time limit) and the pause between steps.</summary>
    internal abstract void Execute(JobContext context);

    /// <summary>Takes a progress report (0 to 1) from a step of the job.</summary>
    internal void Report(double fraction) => Volatile.Write(ref progress, fraction);

    /// <summary>What to tell the user when the owner stopped the job, or null for nothing.</summary>
    internal virtual string? StoppedMessage => null;

    int ended;

    /// <summary>Ends the job once: a second end (a stop racing the run's own end) changes nothing.</summary>
    internal void End(RunState state, string? error = null)
    {
        if (Interlocked.Exchange(ref ended, 1) == 1) return;
        State = state;
        Ended = DateTimeOffset.UtcNow;
        Error = error;
        OnEnded();
        finished.TrySetResult();
    }

    /// <summary>Called once when the job ends, before <see cref="Finished"/> completes.</summary>
    private protected virtual void OnEnded()
    {
    }

    public void Dispose()
    {
        Cancel();
        cancellation.Dispose();
    }
}
