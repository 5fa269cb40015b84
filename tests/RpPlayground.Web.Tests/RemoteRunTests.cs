using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;
using RpPlayground.Runs.Remote;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Runs;
using StackExchange.Redis;

namespace RpPlayground.Web.Tests;

/// <summary>
/// Web nodes (<c>Runs:Backend = Redis</c>) and a worker's loop in this process, on a real Redis server: a stop before
/// any worker takes a run ends it at once and the worker skips it; a malformed job is dropped and the next one runs;
/// a switch change through the other node's hub, with the control token, reaches the worker's optimiser; two nodes
/// read each other's protected data (one key ring in Redis).
/// </summary>
public sealed class RemoteRunTests(RedisServer redis) : IClassFixture<RedisServer>
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    PlaygroundFactory Node() => PlaygroundFactory.With(("Runs:Backend", "Redis"), ("Redis:Connection", redis.Connection));

    // A worker's loop on an in-process host of its own (its run service runs what the loop takes).
    async Task<(PlaygroundFactory Host, RunWorker Worker)> WorkerAsync()
    {
        var host = PlaygroundFactory.With(("Redis:Connection", redis.Connection), ("Redis:ClaimAfterSeconds", "2"));
        var worker = ActivatorUtilities.CreateInstance<RunWorker>(host.Services, new WorkerIdentity($"test-{Guid.NewGuid():N}", ["world"], "cpu"));
        await worker.StartAsync(Token);
        return (host, worker);
    }

    static async Task<(string Id, string Control)> StartAsync(HttpClient client, int iterations, bool nonTarget = true)
    {
        var created = await client.PostAsJsonAsync("/api/runs", new { model = "world", sample = "world/scene-0002", target = "0", iterations, nonTarget }, Token);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        return (body.GetProperty("id").GetString()!, body.GetProperty("controlToken").GetString()!);
    }

    static async Task<JsonElement> RunAsync(HttpClient client, string id) => await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Token);

    static async Task UntilAsync(Func<Task<bool>> condition)
    {
        while (!await condition()) await Task.Delay(100, Token);
    }

    IDatabase Redis() => ConnectionMultiplexer.Connect(redis.Connection).GetDatabase();

    [Fact]
    public async Task AStopBeforeAnyWorkerTakesTheRunEndsItAtOnceAndTheWorkerSkipsIt()
    {
        Assert.SkipWhen(redis.Problem is not null, redis.Problem ?? "");
        using var node = Node();
        using var client = node.CreateClient();
        var (id, control) = await StartAsync(client, 50);
        Assert.Equal("Queued", (await RunAsync(client, id)).GetProperty("state").GetString());

        using var stop = new HttpRequestMessage(HttpMethod.Delete, $"/api/runs/{id}");
        stop.Headers.Add("X-Run-Control", control);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(stop, Token)).StatusCode);
        await UntilAsync(async () => (await RunAsync(client, id)).GetProperty("state").GetString() == "Cancelled");

        var (host, worker) = await WorkerAsync();
        using (host)
        {
            var db = Redis();
            await UntilAsync(async () => await db.StreamLengthAsync(RunBus.Jobs("world")) == 0);  // taken, acknowledged, removed
            await worker.StopAsync(Token);
            Assert.Null(host.Services.GetRequiredService<RunService>().Find(id));  // never started there
            Assert.Equal("Cancelled", (string?)await db.HashGetAsync(RunBus.Run(id), "state"));
        }
    }

    [Fact]
    public async Task AMalformedJobIsDroppedAndTheWorkerGoesOnToTheNext()
    {
        Assert.SkipWhen(redis.Problem is not null, redis.Problem ?? "");
        var db = Redis();
        await db.StreamAddAsync(RunBus.Jobs("world"), "job", "{not json");
        await db.StreamAddAsync(RunBus.Jobs("world"), "other", "field");
        using var node = Node();
        using var client = node.CreateClient();
        var (id, _) = await StartAsync(client, 20);

        var (host, worker) = await WorkerAsync();
        using (host)
        {
            await UntilAsync(async () => (await RunAsync(client, id)).GetProperty("state").GetString() == "Completed");
            Assert.Equal(20, (await RunAsync(client, id)).GetProperty("iteration").GetInt32());
            await UntilAsync(async () => await db.StreamLengthAsync(RunBus.Jobs("world")) == 0);
            await worker.StopAsync(Token);
        }
    }

    [Fact]
    public async Task ASwitchChangeThroughTheOtherNodesHubWithTheTokenReachesTheWorker()
    {
        Assert.SkipWhen(redis.Problem is not null, redis.Problem ?? "");
        using var nodeA = Node();
        using var nodeB = Node();
        using var clientA = nodeA.CreateClient();
        var (host, worker) = await WorkerAsync();
        using (host)
        {
            var (id, control) = await StartAsync(clientA, 400, nonTarget: false);
            await UntilAsync(async () => (await RunAsync(clientA, id)).GetProperty("iteration").ValueKind == JsonValueKind.Number);

            await using var hub = nodeB.RunHub();
            await hub.StartAsync(Token);
            var stranger = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SetSwitches", id, new string('0', 32), new RpSwitches(), Token));
            Assert.Contains("Only the client that started run", stranger.Message);
            await hub.InvokeAsync("SetSwitches", id, control, new RpSwitches { NonTarget = true, NonTargetWeight = 7 }, Token);

            await UntilAsync(async () => (await RunAsync(clientA, id)).GetProperty("state").GetString() == "Completed");
            var schedule = (await RunAsync(clientA, id)).GetProperty("schedule").EnumerateArray().ToArray();
            var change = Assert.Single(schedule);
            Assert.InRange(change.GetProperty("iteration").GetInt32(), 2, 400);
            Assert.Equal(7, change.GetProperty("switches").GetProperty("nonTargetWeight").GetDouble());
            await worker.StopAsync(Token);
        }
    }

    [Fact]
    public async Task WebNodesShareOneKeyRingSoWhatOneProtectsAnotherReads()
    {
        Assert.SkipWhen(redis.Problem is not null, redis.Problem ?? "");
        using var a = Node();
        using var b = Node();
        // What Blazor protects: a prerendered page's component records (its circuit may start on another node) and a
        // circuit's id (it may reconnect there).
        var purpose = "Microsoft.AspNetCore.Components.Server.ServerComponentSerializationSettings,V1";
        var sealedOnA = a.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect("records");
        var protectorOnB = b.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose);
        Assert.Equal("records", protectorOnB.Unprotect(sealedOnA));
        Assert.True(await Redis().ListLengthAsync(RpPlayground.Web.Hosting.WebNodeExtensions.KeyRingKey) >= 1);

        using var alone = PlaygroundFactory.With();  // the in-process default keeps its own ring
        var other = alone.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => other.Unprotect(sealedOnA));
    }
}
