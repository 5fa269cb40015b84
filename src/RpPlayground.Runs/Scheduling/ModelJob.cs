namespace RpPlayground.Runs.Scheduling;

/// <summary>
/// One piece of model work with a result (one method of a deletion game or a sanity check), queued like a run: it
/// waits its turn, shows its progress, can be stopped, and has the run time limit. <see cref="Result"/> completes with
/// the value, or is cancelled or faulted with a message for the user when the job ends otherwise.
/// </summary>
public sealed class ModelJob<T> : QueuedJob
{
    readonly Func<JobContext, T> work;
    readonly TaskCompletionSource<T> result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    internal ModelJob(string id, string client, string description, Func<JobContext, T> work, Func<QueuedJob, int?> position) : base(id, client, position)
    {
        Description = description;
        this.work = work;
    }

    public override string Description { get; }

    /// <summary>The job's value; cancelled when it was stopped, faulted (<see cref="JobFailedException"/>) when it failed.</summary>
    public Task<T> Result => result.Task;

    internal override void Execute(JobContext context) => result.TrySetResult(work(context));

    private protected override void OnEnded()
    {
        if (State == RunState.Completed) return;
        if (State == RunState.Cancelled && Error is null) result.TrySetCanceled();
        else result.TrySetException(new JobFailedException(Error ?? "The job failed."));
    }
}

/// <summary>A queued job ended without its result; the message is for the user.</summary>
public sealed class JobFailedException(string message) : Exception(message);
