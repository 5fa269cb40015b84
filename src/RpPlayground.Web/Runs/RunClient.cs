namespace RpPlayground.Web.Runs;

/// <summary>
/// Who starts runs, for per-client limits and fair turns: in the pages, the browser tab's circuit (this service is
/// scoped, so each circuit has its own); over the HTTP API, the caller's address (scripts behind one address share it).
/// </summary>
public sealed class RunClient
{
    /// <summary>This circuit's client id.</summary>
    public string Id { get; } = "tab:" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    /// <summary>The client id of an HTTP request: its remote address.</summary>
    public static string ForRequest(HttpContext context) => "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
