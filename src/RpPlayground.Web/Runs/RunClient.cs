using RpPlayground.Runs;
using RpPlayground.Web.Hosting;

namespace RpPlayground.Web.Runs;

/// <summary>
/// Who starts runs, for per-client limits and fair turns: in the pages, the browser tab's circuit (this service is
/// scoped, so each circuit has its own); over the HTTP API, the caller's address (scripts behind one address share it).
/// A page counts its uploads and starts against <see cref="PageRateLimits"/> by its tab, not by its address: a lecture
/// hall behind one network address is many students, each with the whole allowance.
/// </summary>
public sealed class RunClient(PageRateLimits limits)
{
    /// <summary>This circuit's client id.</summary>
    public string Id { get; } = "tab:" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    /// <summary>Counts an upload from this page; throws <see cref="TooManyRequestsException"/> over the per-minute limit.</summary>
    public void CountUpload() => limits.Upload(Id);

    /// <summary>Counts a start (a run, a compare, a game, a check) from this page; throws <see cref="TooManyRequestsException"/> over the limit.</summary>
    public void CountStart() => limits.Start(Id);

    /// <summary>The client id of an HTTP request: its remote address.</summary>
    public static string ForRequest(HttpContext context) => "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
