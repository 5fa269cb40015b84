using RpPlayground.Core;

namespace RpPlayground.Web.Hosting;

/// <summary>
/// Which failures are the user's (their message is shown as is) and the HTTP status each answers with: every
/// <see cref="UserFacingException"/> by its kind, and nothing else (any other exception is a bug: logged, answered 500).
/// Each boundary (an API handler, a page) asks here once.
/// </summary>
public static class UserFailure
{
    /// <summary>The status for a user's failure, or null for anything else (a bug: logged, answered 500).</summary>
    public static int? StatusOf(Exception exception) => exception switch
    {
        UserFacingException { Kind: FailureKind.NotFound } => StatusCodes.Status404NotFound,
        UserFacingException { Kind: FailureKind.OverLimit } => StatusCodes.Status429TooManyRequests,
        UserFacingException { Kind: FailureKind.Busy } => StatusCodes.Status503ServiceUnavailable,
        UserFacingException => StatusCodes.Status400BadRequest,
        _ => null,
    };

    /// <summary>Whether the failure is the user's to fix or wait out.</summary>
    public static bool Is(Exception exception) => StatusOf(exception) is not null;
}
