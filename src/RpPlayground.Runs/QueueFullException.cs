namespace RpPlayground.Runs;

/// <summary>The run queue is full (answered 503 by the API); the message is meant for the user.</summary>
public sealed class QueueFullException(string message) : Core.UserFacingException(message, Core.FailureKind.Busy);
