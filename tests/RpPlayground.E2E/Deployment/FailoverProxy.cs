using System.Net;
using System.Net.Sockets;

namespace RpPlayground.E2E.Deployment;

/// <summary>
/// The smallest load balancer a deployment test needs: a TCP proxy on a loopback port that sends each new connection
/// to the first backend that accepts it, in order. While the first node lives every browser stays on it (sticky); when
/// it dies, new connections go to the next one, as a load balancer's health check would have them.
/// </summary>
public sealed class FailoverProxy : IDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly IReadOnlyList<Uri> backends;
    readonly CancellationTokenSource stopping = new();

    public FailoverProxy(params Uri[] backends)
    {
        this.backends = backends;
        listener.Start();
        _ = AcceptAsync();
    }

    public string Address => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

    async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ForwardAsync(client);
        }
    }

    async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            using var server = await ConnectAsync();
            if (server is null) return;
            using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            var up = Pump(client.GetStream(), server.GetStream(), either);
            var down = Pump(server.GetStream(), client.GetStream(), either);
            await Task.WhenAny(up, down);
            await either.CancelAsync();  // one side closed: close the other
        }
    }

    async Task<TcpClient?> ConnectAsync()
    {
        foreach (var backend in backends)
        {
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(backend.Host, backend.Port, stopping.Token);
                return server;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                server.Dispose();
            }
        }
        return null;
    }

    static async Task Pump(NetworkStream from, NetworkStream to, CancellationTokenSource either)
    {
        try
        {
            await from.CopyToAsync(to, either.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        stopping.Dispose();
    }
}
