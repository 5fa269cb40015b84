namespace RpPlayground.Runs;

/// <summary>
/// Where explanation runs run, chosen at registration by <c>Runs:Backend</c>: in this process
/// (<see cref="InProcessExecutor"/>), or on workers through Redis (<see cref="Remote.RemoteRuns"/>).
/// </summary>
public interface IRunExecutor
{
    /// <summary>A handle for a validated run, with the control that fits where it will run.</summary>
    RunHandle Create(string id, RunRequest request, string client);

    /// <summary>Hands an admitted run over; throws <see cref="QueueFullException"/> (busy, try again) when it cannot be taken now.</summary>
    ValueTask SubmitAsync(RunHandle run, CancellationToken cancellation);
}
