namespace RpPlayground.Web.Runs;

/// <summary>Configuration section "Runs": how many optimisations run at once, how many may wait, and for how long one may run.</summary>
public sealed record RunOptions : Hosting.IValidatedOptions
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

    public IEnumerable<string> Problems(string section)
    {
        if (MaxConcurrent is < 1 or > 64) yield return $"{section}:MaxConcurrent must be between 1 and 64 (got {MaxConcurrent}).";
        if (MaxQueued is < 1 or > 10_000) yield return $"{section}:MaxQueued must be between 1 and 10000 (got {MaxQueued}).";
        if (MaxPerClient < 1) yield return $"{section}:MaxPerClient must be at least 1 (got {MaxPerClient}).";
        if (TimeLimitSeconds is < 1 or > 86_400) yield return $"{section}:TimeLimitSeconds must be between 1 and 86400 (got {TimeLimitSeconds}).";
        if (FramesPerSecond is < 1 or > 60) yield return $"{section}:FramesPerSecond must be between 1 and 60 (got {FramesPerSecond}).";
    }
}
