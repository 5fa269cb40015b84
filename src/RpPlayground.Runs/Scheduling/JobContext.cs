namespace RpPlayground.Runs.Scheduling;

/// <summary>
/// What a job sees while it runs on a run thread: its cancellation (the owner's stop, the time limit, the server
/// stopping) and <see cref="Step"/>, which a job calls between steps so that short priority work (classifying an image
/// for the class picker) runs within one step and the job's progress shows.
/// </summary>
public sealed class JobContext(CancellationToken cancellation, Action betweenSteps, Action<double> progress)
{
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Ends one step: reports progress (0 to 1), runs waiting priority work, and throws if the job was stopped.</summary>
    public void Step(double fraction)
    {
        progress(Math.Clamp(fraction, 0, 1));
        betweenSteps();
        Cancellation.ThrowIfCancellationRequested();
    }
}
