namespace RpPlayground.Core;

/// <summary>
/// A request that cannot run as given: an option out of range or unknown, an image or method that does not exist, a
/// loss that diverged. The message is for the user (400). Anything else an argument check throws is a bug, answered 500
/// and logged: only user-facing exceptions become 4xx.
/// </summary>
public sealed class InvalidRequestException(string message, Exception? inner = null) : UserFacingException(message, FailureKind.BadInput, inner);
