namespace RpPlayground.Runs;

/// <summary>A client went over one of its limits (runs held at once, uploads or starts a minute); the message says which, <see cref="RetryAfter"/> when to try again.</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : Core.UserFacingException(message, Core.FailureKind.OverLimit)
{
    /// <summary>When the client may try again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
