namespace RpPlayground.Web.Hosting;

/// <summary>A client went over a per-minute limit; the message says which and when to try again.</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : Core.UserFacingException(message, Core.FailureKind.OverLimit)
{
    /// <summary>When the client may try again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
