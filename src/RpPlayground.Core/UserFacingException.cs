namespace RpPlayground.Core;

/// <summary>
/// A failure that is the user's to fix or wait out (a bad input, something that does not exist, a busy server, a
/// limit reached), with a message written for them. Each front end catches it once, at its boundary, and answers by
/// <see cref="Kind"/>: the API with a problem response and its status, a page with its message, the CLI with its exit code.
/// </summary>
public abstract class UserFacingException(string message, FailureKind kind, Exception? inner = null) : Exception(message, inner)
{
    public FailureKind Kind { get; } = kind;
}

/// <summary>What kind of failure the user sees, and so which HTTP status it answers with.</summary>
public enum FailureKind
{
    /// <summary>400: the request cannot run as given.</summary>
    BadInput,

    /// <summary>404: what it names does not exist.</summary>
    NotFound,

    /// <summary>429: this client has reached a limit; it may try again later.</summary>
    OverLimit,

    /// <summary>503: the server is too busy now.</summary>
    Busy,
}
