namespace RpPlayground.Runs;

/// <summary>Configuration section "Runs": how many optimisations run at once, how many may wait, and for how long one may run.</summary>
public sealed record RunOptions : Configuration.IValidatedOptions
{
    /// <summary>
    /// "InProcess" (the default: this process runs every run) or "Redis" (a web node: explanation runs go to
    /// <c>rp worker</c> processes through Redis, see <see cref="Remote.RedisOptions"/>).
    /// </summary>
    public string Backend { get; init; } = "InProcess";

    /// <summary>
    /// Whether this process runs deletion games, sanity checks and the class picker's classifications on its own run
    /// threads (default true). On a Redis web node this is its only model work, so it needs the models' files and
    /// memory; false makes a node that runs no model at all: those pages and the picker's top classes say so.
    /// </summary>
    public bool EvaluateHere { get; init; } = true;

    /// <summary>
    /// Jobs in flight at once. Mask-optimising runs (RP, MP, EP) on one model advance together in rounds, one
    /// iteration each, so all of them show frames from the start (default 4; with MaxBatch 2 that is the work of a queue in another order, see
    /// README). On a GPU, 16 to 64.
    /// </summary>
    public int MaxConcurrent { get; init; } = 4;

    /// <summary>
    /// Images in one forward and backward pass at most (an RP run sends two per iteration, MP and EP one). Default 2: on
    /// 2 CPU cores a bigger batch gained at most 1.14x on the world model and lost up to 3.6x on darknet-tiny (README). On a
    /// GPU, 64 or more.
    /// </summary>
    public int MaxBatch { get; init; } = 2;

    /// <summary>Jobs that cannot share a round (deletion games, sanity checks, RISE, Grad-CAM, gradients) running at once (default 1).</summary>
    public int MaxUnbatched { get; init; } = 1;

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
        if (Backend is not ("InProcess" or "Redis")) yield return $"{section}:Backend must be InProcess or Redis (got '{Backend}').";
        if (MaxConcurrent is < 1 or > 64) yield return $"{section}:MaxConcurrent must be between 1 and 64 (got {MaxConcurrent}).";
        if (MaxBatch is < 1 or > 4096) yield return $"{section}:MaxBatch must be between 1 and 4096 (got {MaxBatch}).";
        if (MaxUnbatched < 1 || MaxUnbatched > MaxConcurrent) yield return $"{section}:MaxUnbatched must be between 1 and MaxConcurrent ({MaxConcurrent}) (got {MaxUnbatched}).";
        if (MaxQueued is < 1 or > 10_000) yield return $"{section}:MaxQueued must be between 1 and 10000 (got {MaxQueued}).";
        if (MaxPerClient < 1) yield return $"{section}:MaxPerClient must be at least 1 (got {MaxPerClient}).";
        if (TimeLimitSeconds is < 1 or > 86_400) yield return $"{section}:TimeLimitSeconds must be between 1 and 86400 (got {TimeLimitSeconds}).";
        if (FramesPerSecond is < 1 or > 60) yield return $"{section}:FramesPerSecond must be between 1 and 60 (got {FramesPerSecond}).";
    }
}
