namespace RpPlayground.Core.Models;

/// <summary>A class label or index the model does not have; the message suggests close labels.</summary>
public sealed class UnknownLabelException(string message) : UserFacingException(message, FailureKind.BadInput);
