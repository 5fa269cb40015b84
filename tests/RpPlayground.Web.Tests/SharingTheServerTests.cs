using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Tests;

/// <summary>Many clients on one server: only a run's creator controls it, nobody holds more than their share, the queue takes turns and says exactly where each run stands.</summary>
public sealed class SharingTheServerTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static RunRequest Rp(int iterations) => new("world", "world/scene-0001", 2, "rp", new RpOptions { Iterations = iterations }, 0);

    static object Body(int iterations) => new { model = "world", sample = "world/scene-0001", target = "boat", iterations };

    [Fact]
    public async Task OnlyTheControlTokenStopsOrSharesARun()
    {
        using var factory = new PlaygroundFactory();
        using var client = factory.CreateClient();
        var start = await (await client.PostAsJsonAsync("/api/runs", Body(5000), Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var (id, control) = (start.GetProperty("id").GetString()!, start.GetProperty("controlToken").GetString()!);
        Assert.Matches("^[0-9a-f]{32}$", control);
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Token);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("controlToken").ValueKind);  // given once, never shown again

        foreach (var wrong in new[] { null, "0123456789abcdef0123456789abcdef" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Control(HttpMethod.Delete, $"/api/runs/{id}", wrong), Token)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Control(HttpMethod.Post, $"/api/runs/{id}/share", wrong), Token)).StatusCode);
        }
        var run = factory.Services.GetRequiredService<RunService>().Find(id)!;
        Assert.False(run.Finished.IsCompleted, "a stranger's stop ended the run");

        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Control(HttpMethod.Delete, $"/api/runs/{id}", control), Token)).StatusCode);
        await run.Finished.WaitAsync(Token);
        Assert.Equal(RunState.Cancelled, run.State);
    }

    [Fact]
    public async Task AClientOverItsShareOfRunsGets429WithRetryAfterAndOthersStillStart()
    {
        using var factory = PlaygroundFactory.With(("Runs:MaxPerClient", "2"), ("Runs:MaxConcurrent", "1"));
        var runs = factory.Services.GetRequiredService<RunService>();
        using var client = factory.CreateClient();
        var first = await client.PostAsJsonAsync("/api/runs", Body(5000), Token);
        var second = await client.PostAsJsonAsync("/api/runs", Body(5000), Token);
        var third = await client.PostAsJsonAsync("/api/runs", Body(5000), Token);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");

        using var other = await runs.StartAsync(Rp(3), "tab:someone-else", TestContext.Current.CancellationToken);  // another client is not held up by that limit
        Assert.Equal(RunState.Queued, other.State);
        foreach (var response in new[] { first, second })
            runs.Find((await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetString()!)!.Cancel();
        await other.Finished.WaitAsync(Token);
        Assert.Equal(RunState.Completed, other.State);
    }

    [Fact]
    public async Task UploadsOverThePerMinuteLimitGet429WithRetryAfter()
    {
        using var factory = PlaygroundFactory.With(("RateLimits:UploadsPerMinute", "2"));
        using var client = factory.CreateClient();
        var png = File.ReadAllBytes(Path.Combine(RpPlayground.Tests.Shared.RepositoryFolder.Path, "samples", "world", "scene-0001.png"));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++) statuses.Add((last = await client.PostAsync("/api/images", new ByteArrayContent(png), Token)).StatusCode);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Contains("try again in", (await last.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ManyConcurrentStartsGetDistinctExactQueuePositions()
    {
        using var factory = PlaygroundFactory.With(("Runs:MaxQueued", "64"), ("Runs:MaxPerClient", "64"), ("Runs:MaxConcurrent", "1"));
        var runs = factory.Services.GetRequiredService<RunService>();
        using var busy = await runs.StartAsync(Rp(5000), "tab:busy", TestContext.Current.CancellationToken);
        await busy.Frames.ReadAsync(Token);  // the one run thread is taken
        var waiting = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => runs.StartAsync(Rp(5000), $"tab:{i}", Token), Token)));
        var positions = waiting.Select(r => r.QueuePosition).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, waiting.Length), positions);
        foreach (var run in waiting) run.Cancel();
        busy.Cancel();
    }

    [Fact]
    public async Task ClientsTakeTurnsInTheQueueAndAStoppedRunLeavesIt()
    {
        using var factory = PlaygroundFactory.With(("Runs:MaxPerClient", "8"), ("Runs:MaxConcurrent", "1"));
        var runs = factory.Services.GetRequiredService<RunService>();
        using var busy = await runs.StartAsync(Rp(5000), "tab:busy", TestContext.Current.CancellationToken);
        await busy.Frames.ReadAsync(Token);
        var greedy = new List<RunHandle>();
        for (var i = 0; i < 4; i++) greedy.Add(await runs.StartAsync(Rp(5000), "tab:greedy", Token));
        var polite = await runs.StartAsync(Rp(5000), "tab:polite", TestContext.Current.CancellationToken);
        Assert.Equal([0, 2, 3, 4], greedy.Select(r => r.QueuePosition));
        Assert.Equal(1, polite.QueuePosition);  // behind the greedy client's first run, not its fourth

        greedy[0].Cancel();
        await greedy[0].Finished.WaitAsync(Token);
        Assert.Equal(RunState.Cancelled, greedy[0].State);
        Assert.Equal(1, polite.QueuePosition);  // the greedy client keeps its turn, now with its second run
        Assert.Equal([0, 2, 3], greedy.Skip(1).Select(r => r.QueuePosition));
        foreach (var run in greedy.Append(polite).Append(busy)) run.Cancel();
    }

    [Fact]
    public async Task ARunThatReachesTheTimeLimitSaysSo()
    {
        using var factory = PlaygroundFactory.With(("Runs:TimeLimitSeconds", "1"));
        using var run = await factory.Services.GetRequiredService<RunService>().StartAsync(Rp(5000), "tab:slow", TestContext.Current.CancellationToken);
        await run.Finished.WaitAsync(Token);
        Assert.Equal(RunState.Cancelled, run.State);
        Assert.Equal("Stopped: the time limit of 1 s was reached.", run.Error);
    }

    static HttpRequestMessage Control(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Add("X-Run-Control", token);
        return request;
    }
}
