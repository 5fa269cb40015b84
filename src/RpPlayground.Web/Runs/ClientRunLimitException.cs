namespace RpPlayground.Web.Runs;

/// <summary>A client asked for more runs than it may hold at once (answered 429 by the API); the message is meant for the user.</summary>
public sealed class ClientRunLimitException(string message) : Core.UserFacingException(message, Core.FailureKind.OverLimit)
{
    /// <summary>When to try again, for the Retry-After header: a run on the built-in model takes a few seconds.</summary>
    public static TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(10);
}
