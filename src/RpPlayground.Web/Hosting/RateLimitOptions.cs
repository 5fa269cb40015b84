using RpPlayground.Runs.Configuration;

namespace RpPlayground.Web.Hosting;

/// <summary>Configuration section "RateLimits": how often one API client (one address) may upload, start runs and have map pictures drawn.</summary>
public sealed record RateLimitOptions : IValidatedOptions
{
    /// <summary>Uploads per client per minute (default 20).</summary>
    public int UploadsPerMinute { get; init; } = 20;

    /// <summary>Run starts per client per minute (default 30); how many runs it may hold at once is <c>Runs:MaxPerClient</c>.</summary>
    public int RunStartsPerMinute { get; init; } = 30;

    /// <summary>
    /// Map pictures (mask.png, overlay.png, figure.svg) newly drawn for one client per minute (default 300); a picture
    /// already drawn for anyone is served without counting.
    /// </summary>
    public int DrawingsPerMinute { get; init; } = 300;

    public IEnumerable<string> Problems(string section)
    {
        if (UploadsPerMinute is < 1 or > 100_000) yield return $"{section}:UploadsPerMinute must be between 1 and 100000 (got {UploadsPerMinute}).";
        if (RunStartsPerMinute is < 1 or > 100_000) yield return $"{section}:RunStartsPerMinute must be between 1 and 100000 (got {RunStartsPerMinute}).";
        if (DrawingsPerMinute is < 1 or > 100_000) yield return $"{section}:DrawingsPerMinute must be between 1 and 100000 (got {DrawingsPerMinute}).";
    }
}
