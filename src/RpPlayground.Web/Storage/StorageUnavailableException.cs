namespace RpPlayground.Web.Storage;

/// <summary>The database does not answer (PostgreSQL down or unreachable); answered 503 with Retry-After, the message for the user.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Core.UserFacingException(message, Core.FailureKind.Busy, inner);
