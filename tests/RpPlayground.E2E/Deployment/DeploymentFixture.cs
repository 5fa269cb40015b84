using System.Net.Http.Json;
using System.Text.Json;
using RpPlayground.Tests.Shared;

namespace RpPlayground.E2E.Deployment;

/// <summary>
/// The multi-machine deployment on one machine, all real processes: one Redis and one PostgreSQL (Debian's packages,
/// on free loopback ports), two web nodes (<c>Runs:Backend = Redis</c>, <c>Storage:Provider = Postgres</c>) and
/// <c>rp worker</c> processes started and killed by the tests. Workers claim a dead worker's job after 3 s here
/// (30 s by default). <see cref="Problem"/> says what is missing where Redis or PostgreSQL is not installed.
/// </summary>
public sealed class DeploymentFixture : IAsyncLifetime
{
    readonly string folder = Path.Combine(Path.GetTempPath(), $"rp-deployment-{Guid.NewGuid():N}");
    readonly List<ProgramProcess> workers = [];
    RedisServer? redis;
    PostgresServer? postgres;
    ProgramProcess? nodeA, nodeB;
    int workerCount;

    public string? Problem { get; private set; }

    public RedisServer Redis => redis!;

    public string A { get; } = $"http://127.0.0.1:{LocalServices.FreePort()}";

    public string B { get; } = $"http://127.0.0.1:{LocalServices.FreePort()}";

    public async ValueTask InitializeAsync()
    {
        redis = new RedisServer();
        postgres = new PostgresServer();
        Problem = redis.Problem ?? postgres.Problem;
        if (Problem is not null) return;
        storage = postgres.ConnectionFor("deployment");
        nodeA = await ProgramProcess.SiteAsync("node-a", A, Node("a"));
        nodeB = await ProgramProcess.SiteAsync("node-b", B, Node("b"));
    }

    string storage = "";

    Dictionary<string, string> Node(string name) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Runs__Backend"] = "Redis",
        ["Redis__Connection"] = redis!.Connection,
        ["Storage__Provider"] = "Postgres",
        ["Storage__Postgres"] = storage,
        ["Storage__DataFolder"] = Path.Combine(folder, name),
    };

    /// <summary>A third web node of the deployment on a new port, for a test to kill; the caller disposes it.</summary>
    public async Task<(ProgramProcess Node, string Address)> StartNodeAsync(string name)
    {
        var address = $"http://127.0.0.1:{LocalServices.FreePort()}";
        return (await ProgramProcess.SiteAsync(name, address, Node(name)), address);
    }

    /// <summary>Skips the calling test, with the reason, where Redis or PostgreSQL is not installed.</summary>
    public void SkipUnlessReady() => Assert.SkipWhen(Problem is not null, Problem ?? "");

    /// <summary>A new worker for the world model, running one run at a time, once it has announced itself.</summary>
    public async Task<ProgramProcess> StartWorkerAsync(int maxAttempts = 3)
    {
        var name = $"worker-{Interlocked.Increment(ref workerCount)}";
        var worker = ProgramProcess.Worker(name, ["--redis", redis!.Connection, "--models", "world", "--device", "cpu", "--concurrent", "1"], new Dictionary<string, string>
        {
            ["Storage__DataFolder"] = Path.Combine(folder, name),
            ["Redis__ClaimAfterSeconds"] = "3",
            ["Redis__MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Runs__TimeLimitSeconds"] = "3600",
        });
        lock (workers) workers.Add(worker);
        await WaitAsync(async () => (await Health(A)).GetProperty("workers").EnumerateArray().Any(w => w.GetProperty("name").GetString() == name), $"{name} announced itself", worker);
        return worker;
    }

    /// <summary>A live worker: the one running, or a new one.</summary>
    public async Task EnsureWorkerAsync()
    {
        lock (workers)
            if (workers.Any(w => !w.HasExited)) return;
        await StartWorkerAsync();
    }

    /// <summary>Kills every worker with SIGKILL.</summary>
    public void KillWorkers()
    {
        lock (workers)
            foreach (var worker in workers) worker.Kill();
    }

    public static async Task<JsonElement> Health(string node)
    {
        using var http = new HttpClient();
        return await http.GetFromJsonAsync<JsonElement>($"{node}/healthz");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after five minutes, or when <paramref name="process"/> died.</summary>
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, ProgramProcess? process = null)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            Assert.False(process?.HasExited ?? false, $"{process?.Name} exited while waiting until {what}");
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(200);
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (workers)
            foreach (var worker in workers) worker.Dispose();
        nodeA?.Dispose();
        nodeB?.Dispose();
        redis?.Dispose();
        postgres?.Dispose();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
