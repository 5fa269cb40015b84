namespace RpPlayground.Core.Images;

/// <summary>An image that cannot be used: too large, truncated, corrupt, or not an image. The message is meant for the user.</summary>
public sealed class ImageRejectedException(string message, Exception? inner = null) : UserFacingException(message, FailureKind.BadInput, inner);
