using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using RpPlayground.Core.Images;
using RpPlayground.Runs;

namespace RpPlayground.Web.Hosting;

/// <summary>
/// Every failure of an API or hub request becomes a short problem response, in every environment: a bad request body
/// keeps the status the server gave it (400 malformed, 413 too large, 415 wrong content type) with a sentence that
/// echoes none of the input, a user's failure (<see cref="Core.UserFacingException"/>) answers with its kind's status,
/// its message and, for a limit or a busy server, <c>Retry-After</c>; anything unexpected is a 500 that names the
/// request id and shows no stack trace, logged under the request's own path. Pages fall through to the error page.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Whether a request is answered as an API request (problem+json) rather than a page.</summary>
    public static bool IsApi(HttpRequest request) => IsApi(request.Path);

    static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/samples/image");

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellation)
    {
        // The middleware has already set the path to the error page's: the request's own path is in the feature.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
        if (!IsApi(new PathString(path)) || context.Response.HasStarted) return false;
        var (status, title, detail) = Describe(exception, context);
        if (status >= 500 && status != StatusCodes.Status503ServiceUnavailable) logger.LogError(exception, "{Method} {Path} failed", context.Request.Method, path);
        if (RetryAfter(exception) is { } wait)
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Results.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["requestId"] = context.TraceIdentifier })
            .ExecuteAsync(context);
        return true;
    }

    /// <summary>An API answer that ended with a status and no body (no such route, wrong method or content type) gets a problem saying so.</summary>
    public static Task WriteEmptyStatusAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var (title, detail) = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ("Not found", "There is nothing at this address; the README lists the API."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"This address does not take {context.Request.Method} requests."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported content type", "Send the body as JSON with 'Content-Type: application/json'."),
            var code => (ReasonPhrases.GetReasonPhrase(code), ReasonPhrases.GetReasonPhrase(code) + "."),
        };
        return Results.Problem(detail, statusCode: context.Response.StatusCode, title: title).ExecuteAsync(context);
    }

    static (int Status, string Title, string Detail) Describe(Exception exception, HttpContext context) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            (413, "Request too large", $"The request body is larger than this endpoint accepts ({Limit(context)})."),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            (415, "Unsupported content type", "Send the body as JSON with 'Content-Type: application/json'."),
        BadHttpRequestException e => (e.StatusCode, "Bad request", "The request body could not be read as this endpoint's JSON (see the README for its fields)."),
        ImageRejectedException e => (400, "Image rejected", e.Message),
        Core.UserFacingException e => (UserFailure.StatusOf(e)!.Value, Title(e.Kind), e.Message),
        OutOfMemoryException or InsufficientMemoryException => (503, "Out of memory", "The server has no memory for this request now; try again with a smaller input."),
        _ => (500, "Server error", "The request failed on the server; the error is in its log under this request id."),
    };

    /// <summary>The title of a user's failure of <paramref name="kind"/>.</summary>
    public static string Title(Core.FailureKind kind) => kind switch
    {
        Core.FailureKind.NotFound => "Not found",
        Core.FailureKind.OverLimit => "Too many requests",
        Core.FailureKind.Busy => "Busy",
        _ => "Bad request",
    };

    /// <summary>When a client may try again after <paramref name="exception"/>: a limit's own wait, a few seconds when the server is busy, else null.</summary>
    public static TimeSpan? RetryAfter(Exception exception) => exception switch
    {
        TooManyRequestsException limited => limited.RetryAfter,
        Core.UserFacingException { Kind: Core.FailureKind.Busy } => BusyRetry,
        _ => null,
    };

    /// <summary>What a busy answer asks the client to wait.</summary>
    public static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(5);

    static string Limit(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } bytes
            ? bytes >= 1024 * 1024 ? $"{bytes / 1024.0 / 1024.0:0.#} MB" : $"{bytes / 1024} KB"
            : "its limit";
}
