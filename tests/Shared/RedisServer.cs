using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RpPlayground.Tests.Shared;

/// <summary>
/// A Redis server from Debian's redis-server package for one test class: a free loopback port, no persistence, its
/// own folder. It can be stopped and started again on the same port (the reconnect tests); <see cref="Problem"/> says
/// why it could not start (no redis-server), and tests that need it skip with that reason.
/// </summary>
public sealed class RedisServer : IDisposable
{
    readonly string? program = LocalServices.Find("redis-server", "/usr/bin", "/usr/sbin");
    readonly string folder = Path.Combine(Path.GetTempPath(), $"rp-redis-{Guid.NewGuid():N}");
    readonly StringBuilder log = new();
    Process? process;

    public RedisServer()
    {
        Port = LocalServices.FreePort();
        if (program is null)
        {
            Problem = "redis-server is not installed (.ci/run installs Debian's redis-server package).";
            return;
        }
        Directory.CreateDirectory(folder);
        Start();
    }

    public int Port { get; }

    /// <summary>Why there is no server, or null when it runs.</summary>
    public string? Problem { get; }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Connection => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it answers PING.</summary>
    public void Start()
    {
        process = LocalServices.Start(program!, ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder], log);
        try
        {
            LocalServices.WaitUntil(Pings, process, log, "redis-server");
        }
        catch
        {
            Kill();  // a fixture whose constructor throws is never disposed: leave no server behind
            throw;
        }
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        process?.Kill();
        process?.WaitForExit();
    }

    bool Pings()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[64];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Kill();
        process?.Dispose();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
