namespace RpPlayground.Core.Models;

/// <summary>A model id that is not declared, or a declared model that cannot be loaded; the message is for the user.</summary>
public sealed class UnknownModelException(string message, Exception? inner = null) : UserFacingException(message, FailureKind.BadInput, inner);
