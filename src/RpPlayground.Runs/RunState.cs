namespace RpPlayground.Runs;

/// <summary>Where a run is in its life.</summary>
public enum RunState
{
    Queued,
    Running,
    Completed,
    Cancelled,
    Failed,
}
