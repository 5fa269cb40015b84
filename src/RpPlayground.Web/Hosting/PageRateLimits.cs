using System.Threading.RateLimiting;
using RpPlayground.Runs;

namespace RpPlayground.Web.Hosting;

/// <summary>
/// The API's per-minute limits (<see cref="RateLimitOptions"/>) for what the pages do over a circuit, which ASP.NET
/// Core's rate-limiting middleware never sees: uploads and starts (a playground run, a compare, a deletion game or a
/// sanity check), counted per browser tab (<see cref="Runs.RunClient"/>) in fixed one-minute windows, with the same
/// <c>System.Threading.RateLimiting</c> limiters the middleware uses. Pages and the API count apart. A limiter per
/// tab lives until the tab's circuit ends and then until its window is idle; the partitioned limiter drops idle ones.
/// </summary>
public sealed class PageRateLimits(RateLimitOptions options) : IDisposable
{
    readonly PartitionedRateLimiter<string> uploads = PerMinute(options.UploadsPerMinute);
    readonly PartitionedRateLimiter<string> starts = PerMinute(options.RunStartsPerMinute);

    /// <summary>Counts an upload by <paramref name="client"/>; throws <see cref="TooManyRequestsException"/> over the limit.</summary>
    public void Upload(string client) => Take(uploads, client, $"at most {options.UploadsPerMinute} uploads a minute");

    /// <summary>Counts a start by <paramref name="client"/>; throws <see cref="TooManyRequestsException"/> over the limit.</summary>
    public void Start(string client) => Take(starts, client, $"at most {options.RunStartsPerMinute} starts a minute");

    static void Take(PartitionedRateLimiter<string> limiter, string client, string limit)
    {
        using var lease = limiter.AttemptAcquire(client);
        if (lease.IsAcquired) return;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        throw new TooManyRequestsException($"Too many requests from this tab ({limit}); try again in {(int)Math.Ceiling(wait.TotalSeconds)} s.", wait);
    }

    static PartitionedRateLimiter<string> PerMinute(int permits) => PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));

    public void Dispose()
    {
        uploads.Dispose();
        starts.Dispose();
    }
}
