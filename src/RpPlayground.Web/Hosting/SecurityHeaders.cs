namespace RpPlayground.Web.Hosting;

/// <summary>
/// Headers on every response, and a guard on the API: no MIME sniffing, no referrer beyond the origin, a content
/// security policy that Blazor Server and MudBlazor work under (scripts from this site only, no inline script, no
/// eval; inline styles, which MudBlazor sets on elements; the circuit's WebSocket), no framing. A browser's cross-site
/// request that would change something (a form posted from another site to the API) is refused with 403; scripts and
/// the site's own pages are unaffected.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy sent with every response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        if (ApiExceptionHandler.IsApi(context.Request) && IsCrossSiteChange(context.Request))
        {
            await Results.Problem("Requests from other sites may not change anything here.", statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused")
                .ExecuteAsync(context);
            return;
        }
        await next(context);
    });

    // Browsers say where a request comes from (Sec-Fetch-Site, Origin); scripts send neither and are not a CSRF vector.
    static bool IsCrossSiteChange(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) return false;
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site") return true;
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
