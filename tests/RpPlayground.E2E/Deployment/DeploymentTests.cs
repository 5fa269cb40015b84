using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace RpPlayground.E2E.Deployment;

/// <summary>
/// Web nodes and workers on Redis and PostgreSQL, as real processes: a run started on one node is watched, stopped and
/// shared on the other; a worker killed mid-run loses nothing (another takes the run and starts it again); Redis
/// restarted under everyone, new runs still work.
/// </summary>
public sealed class DeploymentTests(DeploymentFixture deployment) : IClassFixture<DeploymentFixture>
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    readonly HttpClient http = new();

    sealed record Started(string Id, string ControlToken);

    async Task<Started> StartAsync(string node, int iterations, string sample = "world/scene-0002")
    {
        var created = await http.PostAsJsonAsync($"{node}/api/runs", new { model = "world", sample, target = "0", iterations }, Token);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        return new Started(body.GetProperty("id").GetString()!, body.GetProperty("controlToken").GetString()!);
    }

    async Task<JsonElement> RunAsync(string node, string id) => await http.GetFromJsonAsync<JsonElement>($"{node}/api/runs/{id}", Token);

    async Task<string> StateAsync(string node, string id) => (await RunAsync(node, id)).GetProperty("state").GetString()!;

    Task UntilAsync(string node, string id, string state) =>
        DeploymentFixture.WaitAsync(async () => await StateAsync(node, id) == state, $"run {id} is {state} on {node}");

    async Task StopAsync(string node, Started run)
    {
        using var stop = new HttpRequestMessage(HttpMethod.Delete, $"{node}/api/runs/{run.Id}");
        stop.Headers.Add("X-Run-Control", run.ControlToken);
        Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(stop, Token)).StatusCode);
    }

    static async Task<HubConnection> HubAsync(string node)
    {
        var hub = new HubConnectionBuilder().WithUrl($"{node}/hubs/runs").Build();
        await hub.StartAsync(Token);
        return hub;
    }

    static async Task<List<int>> IterationsAsync(HubConnection hub, string id)
    {
        var seen = new List<int>();
        await foreach (var frame in hub.StreamAsync<JsonElement>("Frames", id, Token)) seen.Add(frame.GetProperty("iteration").GetInt32());
        return seen;
    }

    [Fact]
    public async Task AHubClientOnNodeAWatchesARunStartedThroughNodeBFromItsFirstFrameToItsLast()
    {
        deployment.SkipUnlessReady();
        await deployment.EnsureWorkerAsync();
        // The one worker runs one run at a time: a long run holds it while node A starts following the second.
        var blocker = await StartAsync(deployment.B, 5000);
        await UntilAsync(deployment.B, blocker.Id, "Running");
        var watched = await StartAsync(deployment.B, 60, "world/scene-0003");
        Assert.Equal("Queued", await StateAsync(deployment.A, watched.Id));  // node A knows it from Redis alone
        Assert.Equal(JsonValueKind.Null, (await RunAsync(deployment.A, watched.Id)).GetProperty("controlToken").ValueKind);

        await using var hub = await HubAsync(deployment.A);
        var frames = IterationsAsync(hub, watched.Id);
        await StopAsync(deployment.A, blocker);  // the control right holds on the other node too
        var seen = await frames;

        // A watcher holds one frame, the newest (RunHandle), so a frame may be passed over when two arrive between two
        // reads (an unloaded .ci/run saw 59 of 60, iteration 38 passed over); it gets the first and the last, in order.
        Assert.Equal(1, seen[0]);
        Assert.Equal(60, seen[^1]);
        Assert.Equal(seen.Order(), seen);
        // Each node learns a run's end from Redis, on its own time: wait for it there, not for the stream's end.
        await UntilAsync(deployment.A, watched.Id, "Completed");
        await UntilAsync(deployment.B, blocker.Id, "Cancelled");
        TestContext.Current.SendDiagnosticMessage($"node A's hub client received {seen.Distinct().Count()} of 60 frames");
    }

    [Fact]
    public async Task APageOnNodeARunsRpAndItsSwitchChangeMidRunReachesTheWorker()
    {
        deployment.SkipUnlessReady();
        Assert.SkipUnless(File.Exists(SiteFixture.ChromiumPath), $"{SiteFixture.ChromiumPath} is not installed; .ci/run installs it.");
        await deployment.EnsureWorkerAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(SiteFixture.LaunchOptions);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(deployment.A + "/models");
        await Assertions.Expect(page.Locator("[data-testid=workers-world]")).ToContainTextAsync(new Regex("\\d+ workers?"));  // a worker killed by another test counts until its heartbeat is old
        await Assertions.Expect(page.Locator("[data-testid=workers-darknet-tiny]")).ToContainTextAsync("no worker");
        await page.GotoAsync(deployment.A + "/?model=world&image=world/scene-0002&target=0&method=rp&nt=false");
        var run = page.Locator("[data-testid=run]");
        await Assertions.Expect(run).ToBeEnabledAsync(new() { Timeout = 60000 });
        await page.GetByText("More options (fixed when a run starts)").ClickAsync();
        await page.Locator("input[data-testid=iterations], [data-testid=iterations] input").FillAsync("600");
        await run.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToContainTextAsync("Iteration", new() { Timeout = 300000 });
        await page.Locator("input[data-testid=switch-nt], [data-testid=switch-nt] input").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync(new Regex("^Done"), new() { Timeout = 600000 });

        // The schedule the worker's optimiser used holds the change; shared on node A, node B shows it.
        await page.Locator("[data-testid=share]").ClickAsync();
        var link = await page.Locator("[data-testid=shared-link]").GetAttributeAsync("href");
        await page.GotoAsync(deployment.B + link);
        await Assertions.Expect(page.Locator("[data-testid=shared-schedule]")).ToContainTextAsync(new Regex("at iteration \\d+: non-target on"));
    }

    [Fact]
    public async Task AWebNodeKilledUnderABrowserLeavesItsPageToTheOtherNodeWithTheSharedRunIntact()
    {
        deployment.SkipUnlessReady();
        Assert.SkipUnless(File.Exists(SiteFixture.ChromiumPath), $"{SiteFixture.ChromiumPath} is not installed; .ci/run installs it.");
        await deployment.EnsureWorkerAsync();
        var (nodeC, c) = await deployment.StartNodeAsync("node-c");
        using (nodeC)
        {
            var run = await StartAsync(c, 30);
            await UntilAsync(c, run.Id, "Completed");
            using var share = new HttpRequestMessage(HttpMethod.Post, $"{c}/api/runs/{run.Id}/share");
            share.Headers.Add("X-Run-Control", run.ControlToken);
            var link = (await (await http.SendAsync(share, Token)).Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("link").GetString()!;

            // A load balancer keeps the browser on node C while it lives, then sends it to node A.
            using var balancer = new FailoverProxy(new Uri(c), new Uri(deployment.A));
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(SiteFixture.LaunchOptions);
            var page = await browser.NewPageAsync();
            await page.GotoAsync(balancer.Address + link);
            await Assertions.Expect(page.Locator("[data-testid=shared-schedule]")).ToBeVisibleAsync(new() { Timeout = 60000 });
            await SiteFixture.InteractiveAsync(page);  // killed before its circuit starts, the page would never reconnect
            await page.EvaluateAsync("() => window.rpServedByTheFirstNode = true");

            nodeC.Kill();
            // The circuit is gone with its node: Blazor reconnects through the balancer, node A rejects the unknown
            // circuit, and the page loads again, from node A, with the shared run read from PostgreSQL.
            await page.WaitForFunctionAsync("() => window.rpServedByTheFirstNode === undefined", null, new() { Timeout = 180000, PollingInterval = 500 });
            await Assertions.Expect(page.Locator("[data-testid=shared-schedule]")).ToBeVisibleAsync(new() { Timeout = 60000 });
            await Assertions.Expect(page.Locator("[data-testid=shared-overlay]")).ToBeVisibleAsync();
            // Its link to run it again opens the playground through the balancer, now on node A, where a new run completes
            // (followed, not clicked: a click while the reloaded page's circuit still starts can be lost on a busy machine).
            await page.GotoAsync(balancer.Address + await page.Locator("[data-testid=rerun]").GetAttributeAsync("href"));
            var again = page.Locator("[data-testid=run]");
            await Assertions.Expect(again).ToBeEnabledAsync(new() { Timeout = 60000 });
            await again.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync(new Regex("^Done"), new() { Timeout = 300000 });
        }
    }

    [Fact]
    public async Task ARunSharedOnNodeBOpensOnNodeA()
    {
        deployment.SkipUnlessReady();
        await deployment.EnsureWorkerAsync();
        var run = await StartAsync(deployment.B, 30);
        await UntilAsync(deployment.B, run.Id, "Completed");

        using var share = new HttpRequestMessage(HttpMethod.Post, $"{deployment.B}/api/runs/{run.Id}/share");
        share.Headers.Add("X-Run-Control", run.ControlToken);
        var shared = await http.SendAsync(share, Token);
        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        var link = (await shared.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("link").GetString()!;
        var id = link.Split('/')[^1];

        var onA = await http.GetFromJsonAsync<JsonElement>($"{deployment.A}/api/shared/{id}", Token);
        Assert.Equal("world/scene-0002", onA.GetProperty("definition").GetProperty("image").GetString());
        Assert.Equal(30, onA.GetProperty("result").GetProperty("iteration").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{deployment.A}{link}", Token)).StatusCode);
        Assert.Equal("image/png", (await http.GetAsync($"{deployment.A}/api/shared/{id}/overlay.png", Token)).Content.Headers.ContentType?.MediaType);

        using var notYours = new HttpRequestMessage(HttpMethod.Post, $"{deployment.A}/api/runs/{run.Id}/share");
        notYours.Headers.Add("X-Run-Control", new string('0', 32));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(notYours, Token)).StatusCode);
    }

    [Fact]
    public async Task AWorkerKilledMidRunLeavesItsRunToAnotherWorkerWhichStartsItAgainAndFinishesIt()
    {
        deployment.SkipUnlessReady();
        await deployment.EnsureWorkerAsync();
        var run = await StartAsync(deployment.B, 400);
        await using var hub = await HubAsync(deployment.A);
        var seen = new List<int>();
        var reachedTwenty = new TaskCompletionSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var frame in hub.StreamAsync<JsonElement>("Frames", run.Id, Token))
            {
                var iteration = frame.GetProperty("iteration").GetInt32();
                lock (seen) seen.Add(iteration);
                if (iteration >= 20) reachedTwenty.TrySetResult();
            }
        }, Token);
        await reachedTwenty.Task.WaitAsync(Token);
        var worker = (await DeploymentFixture.Health(deployment.A)).GetProperty("workers")[0].GetProperty("name").GetString();
        deployment.KillWorkers();
        await deployment.StartWorkerAsync();
        await watching;

        lock (seen)
        {
            Assert.Equal(400, seen[^1]);
            var restart = Enumerable.Range(1, seen.Count - 1).FirstOrDefault(i => seen[i] < seen[i - 1]);
            Assert.True(restart > 0, $"the watcher saw no restart after {worker} was killed: {string.Join(",", seen.Take(40))}...");
            Assert.True(seen[restart] < 20, $"the run went on from iteration {seen[restart]} instead of starting again");
        }
        await UntilAsync(deployment.B, run.Id, "Completed");  // node B hears of the end from Redis after node A's watcher did
    }

    [Fact]
    public async Task ARunWhoseWorkersAllDieFailsWithItsMessageAfterTheAttemptLimit()
    {
        deployment.SkipUnlessReady();
        deployment.KillWorkers();
        var run = await StartAsync(deployment.A, 5000);
        await deployment.StartWorkerAsync(maxAttempts: 2);
        await UntilAsync(deployment.A, run.Id, "Running");
        deployment.KillWorkers();
        var second = await deployment.StartWorkerAsync(maxAttempts: 2);
        await DeploymentFixture.WaitAsync(async () => (await DeploymentFixture.Health(deployment.A)).GetProperty("workers").EnumerateArray()
            .Any(w => w.GetProperty("name").GetString() == second.Name && w.GetProperty("running").GetInt32() == 1), $"{second.Name} took the run (its second attempt)");
        deployment.KillWorkers();
        await deployment.StartWorkerAsync(maxAttempts: 2);  // a third start is refused

        await UntilAsync(deployment.B, run.Id, "Failed");
        Assert.Contains("started 2 times", (await RunAsync(deployment.B, run.Id)).GetProperty("error").GetString());
        deployment.KillWorkers();
    }

    [Fact]
    public async Task AfterRedisRestartsTheNodesAndTheWorkerReconnectAndNewRunsWork()
    {
        deployment.SkipUnlessReady();
        await deployment.EnsureWorkerAsync();
        var unserved = await http.PostAsJsonAsync($"{deployment.A}/api/runs", new { model = "darknet-tiny", sample = "photos/chelsea", target = "Egyptian cat", iterations = 10 }, Token);
        Assert.Equal(HttpStatusCode.Accepted, unserved.StatusCode);  // no worker runs darknet-tiny: it waits in Redis
        var lost = (await unserved.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetString()!;
        deployment.Redis.Kill();
        await DeploymentFixture.WaitAsync(async () => (await DeploymentFixture.Health(deployment.A)).GetProperty("redisConnected").GetBoolean() == false, "node A sees Redis gone");
        var refused = await http.PostAsJsonAsync($"{deployment.A}/api/runs", new { model = "world", sample = "world/scene-0001", target = "0", iterations = 10 }, Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);

        deployment.Redis.Start();  // empty: no persistence
        foreach (var node in new[] { deployment.A, deployment.B })
            await DeploymentFixture.WaitAsync(async () => (await DeploymentFixture.Health(node)).GetProperty("redisConnected").GetBoolean(), $"{node} reconnected");
        var run = await StartAsync(deployment.A, 20);
        await UntilAsync(deployment.B, run.Id, "Completed");

        // The run that waited when Redis went away is gone from Redis: its node says so instead of waiting for ever.
        await UntilAsync(deployment.A, lost, "Failed");
        Assert.Contains("lost this run", (await RunAsync(deployment.A, lost)).GetProperty("error").GetString());
    }
}
