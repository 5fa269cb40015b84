namespace RpPlayground.Web.Hosting;

/// <summary>Configuration section "RateLimits": how often one API client (one address) may upload and start runs.</summary>
public sealed record RateLimitOptions
{
    /// <summary>Uploads per client per minute (default 20).</summary>
    public int UploadsPerMinute { get; init; } = 20;

    /// <summary>Run starts per client per minute (default 30); how many runs it may hold at once is <c>Runs:MaxPerClient</c>.</summary>
    public int RunStartsPerMinute { get; init; } = 30;
}
