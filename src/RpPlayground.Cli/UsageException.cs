namespace RpPlayground.Cli;

/// <summary>A mistake in how the command was called; reported in one line with exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
