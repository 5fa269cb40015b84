using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;
using RpPlayground.Runs.Remote;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Tests;

/// <summary>
/// PostgreSQL or Redis going away, on real servers started for the class: every request that needs the missing
/// service answers 503 with Retry-After and a message (no 500, and no wait for a library's timeout), /healthz says
/// "degraded", and everything works again once the service is back.
/// </summary>
public sealed class ServicesAwayTests(PostgresServer postgres, RedisServer redis, ITestOutputHelper output) : IClassFixture<PostgresServer>, IClassFixture<RedisServer>
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static byte[] Scene => File.ReadAllBytes(Path.Combine(RepositoryFolder.Path, "samples", "world", "scene-0003.png"));

    [Fact]
    public async Task WithPostgresAwayStorageAnswersBusyAndHealthSaysDegradedUntilItIsBack()
    {
        Assert.SkipWhen(postgres.Problem is not null, postgres.Problem ?? "");
        using var factory = PlaygroundFactory.With(("Storage:Provider", "Postgres"), ("Storage:Postgres", postgres.ConnectionFor("away")));
        using var client = factory.CreateClient();
        var runs = factory.Services.GetRequiredService<RunService>();
        using var run = await runs.StartAsync(new RunRequest("world", "world/scene-0001", 2, "rp", new RpOptions { Iterations = 3 }, 0), "address:127.0.0.1", TestContext.Current.CancellationToken);
        await run.Finished.WaitAsync(Token);
        var shared = (await (await client.SendAsync(Share(run), Token)).Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetString();
        Assert.NotNull(shared);

        postgres.Stop();
        try
        {
            await AssertBusy(await client.SendAsync(Share(run), Token), "database");
            await AssertBusy(await client.GetAsync($"/api/shared/{shared}", Token), "database");
            await AssertBusy(await client.PostAsync("/api/images", new ByteArrayContent(Scene), Token), "database");
            var page = await client.GetAsync($"/r/{shared}", Token);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("not answering", await page.Content.ReadAsStringAsync(Token));
            var health = await client.GetFromJsonAsync<JsonElement>("/healthz", Token);
            Assert.Equal("degraded", health.GetProperty("status").GetString());
            Assert.False(health.GetProperty("storageAnswers").GetBoolean());
        }
        finally
        {
            postgres.Start();
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/shared/{shared}", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/images", new ByteArrayContent(Scene), Token)).StatusCode);
        Assert.Equal("ok", (await client.GetFromJsonAsync<JsonElement>("/healthz", Token)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task WithRedisAwayARunLookupAnswersBusyAtOnceAndHealthSaysDegraded()
    {
        Assert.SkipWhen(redis.Problem is not null, redis.Problem ?? "");
        using var factory = PlaygroundFactory.With(("Runs:Backend", "Redis"), ("Redis:Connection", redis.Connection));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/runs/0123456789ab", Token)).StatusCode);

        redis.Kill();
        try
        {
            var clock = Stopwatch.StartNew();
            var response = await client.GetAsync("/api/runs/0123456789ab", Token);
            output.WriteLine($"a run looked up with Redis away: {(int)response.StatusCode} after {clock.ElapsedMilliseconds} ms");
            await AssertBusy(response, "Redis");
            // StackExchange.Redis's commands wait 5 s by default; failing fast means well under that.
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"{clock.ElapsedMilliseconds} ms");
            await AssertBusy(await client.PostAsJsonAsync("/api/runs", new { model = "world", sample = "world/scene-0001", target = "boat", iterations = 3 }, Token), "Redis");
            var health = await client.GetFromJsonAsync<JsonElement>("/healthz", Token);
            Assert.Equal("degraded", health.GetProperty("status").GetString());
        }
        finally
        {
            redis.Start();
        }
        var remote = factory.Services.GetRequiredService<RpPlayground.Runs.Remote.RemoteRuns>();
        while (!remote.Connected) await Task.Delay(50, Token);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/runs/0123456789ab", Token)).StatusCode);
    }

    static HttpRequestMessage Share(RunHandle run)
    {
        var share = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{run.Id}/share");
        share.Headers.Add("X-Run-Control", run.ControlToken);
        return share;
    }

    static async Task AssertBusy(HttpResponseMessage response, string names)
    {
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains(names, JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString());
    }
}
