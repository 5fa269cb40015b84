using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace RpPlayground.Cli.Benchmarks;

/// <summary>
/// A class at once against a running site: starts runs through the HTTP API, has many hub clients watch them
/// (<c>/hubs/runs</c>, <c>Frames(runId)</c>) and measures what each client received and how late. Given several web
/// nodes, run i starts on node i and client c watches through node c (each mod the number of nodes), so most clients
/// watch a run started on another node. Bounded in clients, runs and time; the server's resident memory is sampled
/// when its process id is given (a local server).
/// </summary>
public static class LoadBenchmark
{
    public sealed record Options(IReadOnlyList<Uri> Sites, int Clients, int Runs, int Iterations, string Model, string Sample, string Target, TimeSpan Limit, int? ServerProcess);

    public sealed record Report(IReadOnlyDictionary<int, int> StartStatuses, int[] FramesPerClient, double[] FirstFrameMs, double[] FrameLatencyMs,
        int Errors, string? FirstError, int CleanEnds, long? MemoryBefore, long? MemoryPeak, long? MemoryAfter, double Seconds);

    public static async Task<Report> RunAsync(Options options, CancellationToken cancellation)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(options.Limit);
        using var memory = options.ServerProcess is { } pid ? new ResidentMemory(pid) : null;
        var before = memory?.Now();
        var clock = Stopwatch.StartNew();
        using var http = new HttpClient();
        var statuses = new Dictionary<int, int>();
        var started = new List<(string Id, double At)>();
        for (var i = 0; i < options.Runs; i++)
        {
            var response = await http.PostAsJsonAsync(new Uri(options.Sites[i % options.Sites.Count], "/api/runs"), new { model = options.Model, sample = options.Sample, target = options.Target, iterations = options.Iterations, seed = i }, limit.Token);
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            if (response.StatusCode == HttpStatusCode.Accepted)
                started.Add(((await response.Content.ReadFromJsonAsync<JsonElement>(limit.Token)).GetProperty("id").GetString()!, clock.Elapsed.TotalMilliseconds));
        }
        var watchers = started.Count == 0 ? [] : Enumerable.Range(0, options.Clients).Select(c => WatchAsync(options.Sites[(c + 1) % options.Sites.Count], started[c % started.Count], clock, limit.Token)).ToArray();
        var results = await Task.WhenAll(watchers);
        return new Report(statuses, results.Select(r => r.Frames).ToArray(), results.Where(r => r.FirstMs is not null).Select(r => r.FirstMs!.Value).ToArray(),
            results.SelectMany(r => r.LatenciesMs).ToArray(), results.Count(r => r.Error is not null), results.FirstOrDefault(r => r.Error is not null)?.Error,
            results.Count(r => r.Clean), before, memory?.Peak, memory?.Settled(), clock.Elapsed.TotalSeconds);
    }

    sealed record Watch(int Frames, double? FirstMs, List<double> LatenciesMs, bool Clean, string? Error);

    static async Task<Watch> WatchAsync(Uri site, (string Id, double At) run, Stopwatch clock, CancellationToken cancellation)
    {
        var (frames, first, latencies, clean) = (0, (double?)null, new List<double>(), false);
        try
        {
            await using var hub = new HubConnectionBuilder().WithUrl(new Uri(site, "/hubs/runs")).Build();
            await hub.StartAsync(cancellation);
            await foreach (var frame in hub.StreamAsync<JsonElement>("Frames", run.Id, cancellation))
            {
                frames++;
                first ??= clock.Elapsed.TotalMilliseconds - run.At;
                if (frame.TryGetProperty("publishedAtMs", out var at) && at.ValueKind == JsonValueKind.Number)
                    latencies.Add((DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds - at.GetDouble());
                clean = frame.GetProperty("clean").GetBoolean();
            }
            return new Watch(frames, first, latencies, clean, null);
        }
        catch (Exception e) when (e is HttpRequestException or HubException or OperationCanceledException or IOException or InvalidOperationException)
        {
            return new Watch(frames, first, latencies, clean, e.Message);
        }
    }

    /// <summary>The p-th percentile (0 to 100) of <paramref name="values"/>, NaN when empty.</summary>
    public static double Percentile(double[] values, double p)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    /// <summary>A process's resident memory from /proc, sampled every 100 ms for the peak.</summary>
    sealed class ResidentMemory : IDisposable
    {
        readonly int pid;
        readonly Timer timer;
        long peak;

        public ResidentMemory(int pid)
        {
            this.pid = pid;
            timer = new Timer(_ => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), Now() ?? 0)), null, 0, 100);
        }

        public long Peak => Interlocked.Read(ref peak);

        public long? Now()
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <summary>The resident memory after a few seconds without load.</summary>
        public long? Settled()
        {
            Thread.Sleep(TimeSpan.FromSeconds(3));
            return Now();
        }

        public void Dispose() => timer.Dispose();
    }
}
