namespace RpPlayground.Runs;

/// <summary>This process runs no models (<see cref="RunOptions.EvaluateHere"/> is false); the message says what is not offered.</summary>
public sealed class ModelWorkNotHereException(string message) : Core.UserFacingException(message, Core.FailureKind.BadInput);
