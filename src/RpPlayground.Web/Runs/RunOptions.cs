namespace RpPlayground.Web.Runs;

/// <summary>Configuration section "Runs": how many optimisations run at once, how many may wait, and for how long one may run.</summary>
public sealed record RunOptions
{
    /// <summary>Runs at the same time; each has a thread of its own (default 1, right for 2 cores).</summary>
    public int MaxConcurrent { get; init; } = 1;

    /// <summary>Runs that may wait for a free slot before new ones are refused.</summary>
    public int MaxQueued { get; init; } = 16;

    /// <summary>Runs one client (a browser tab, or an API client's address) may have waiting or running at once (default 2).</summary>
    public int MaxPerClient { get; init; } = 2;

    /// <summary>Longest a run may take once started, in seconds.</summary>
    public int TimeLimitSeconds { get; init; } = 300;

    /// <summary>Maps painted per second at most in a page; a newer frame replaces one not yet painted.</summary>
    public int FramesPerSecond { get; init; } = 20;
}
