using StackExchange.Redis;

namespace RpPlayground.Runs.Remote;

/// <summary>
/// Opens the one connection a process keeps to Redis; it reconnects by itself after Redis restarts. While it is
/// disconnected, commands fail at once instead of waiting in a backlog for the library's 5-second timeout, so a web
/// node answers "busy, try again" (503) quickly and a worker's loop retries after its pause.
/// </summary>
public static class RedisConnection
{
    public static IConnectionMultiplexer Open(RedisOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Connection))
            throw new InvalidOperationException("Runs:Backend is Redis but Redis:Connection is empty: give the Redis server's address (for example 127.0.0.1:6379).");
        var configuration = ConfigurationOptions.Parse(options.Connection);
        configuration.AbortOnConnectFail = false;  // start even while Redis is down, and keep trying
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return ConnectionMultiplexer.Connect(configuration);
    }
}
