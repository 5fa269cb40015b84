namespace RpPlayground.Runs.Remote;

/// <summary>Configuration section "Redis": the server that carries runs between web nodes and workers when <c>Runs:Backend</c> is Redis.</summary>
public sealed record RedisOptions : Configuration.IValidatedOptions
{
    /// <summary>StackExchange.Redis configuration (for example <c>redis.internal:6379,password=...</c>); needed when <c>Runs:Backend</c> is Redis.</summary>
    public string? Connection { get; init; }

    /// <summary>Seconds a taken job may go without its worker's heartbeat before another worker claims it (default 30).</summary>
    public int ClaimAfterSeconds { get; init; } = 30;

    /// <summary>Times a run is started (by any worker) before it fails with a message instead (default 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Seconds since its last heartbeat for which a worker counts as seen in <c>/healthz</c> (default 15).</summary>
    public int WorkerSeenSeconds { get; init; } = 15;

    public IEnumerable<string> Problems(string section)
    {
        if (ClaimAfterSeconds is < 2 or > 3600) yield return $"{section}:ClaimAfterSeconds must be between 2 and 3600 (got {ClaimAfterSeconds}).";
        if (MaxAttempts is < 1 or > 100) yield return $"{section}:MaxAttempts must be between 1 and 100 (got {MaxAttempts}).";
        if (WorkerSeenSeconds is < 1 or > 3600) yield return $"{section}:WorkerSeenSeconds must be between 1 and 3600 (got {WorkerSeenSeconds}).";
    }
}
