using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Tests;

/// <summary>The HTTP API and the hub of the real host: round trips, and a problem response for every bad input.</summary>
public sealed class ApiTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARunStartedOverHttpFinishesWithASummaryAndAMask()
    {
        using var client = factory.CreateClient();
        var created = await client.PostAsJsonAsync("/api/runs", new { model = "world", sample = "world/scene-0001", target = "boat", iterations = 5 }, Token);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetString()!;
        Assert.Equal($"/api/runs/{id}", created.Headers.Location?.ToString());

        JsonElement summary;
        do
        {
            summary = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Token);
        }
        while (summary.GetProperty("state").GetString() is "Queued" or "Running" && await Pause());
        Assert.Equal("Completed", summary.GetProperty("state").GetString());
        Assert.Equal(5, summary.GetProperty("iteration").GetInt32());
        Assert.True(summary.GetProperty("clean").GetBoolean());
        Assert.Equal("boat", summary.GetProperty("classes")[0].GetProperty("label").GetString());

        var png = await client.GetByteArrayAsync($"/api/runs/{id}/mask.png", Token);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Theory]
    [InlineData("""{"model":"nope","sample":"world/scene-0001","target":"boat"}""", "There is no model 'nope'")]
    [InlineData("""{"model":"world","sample":"world/nothing","target":"boat"}""", "There is no image")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"giraffe"}""", "has no class 'giraffe'")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","iterations":0}""", "Iterations must be between 1 and 5000")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","method":"magic"}""", "Unknown method 'magic'")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","area":-3}""", "λ1 (area) must be between")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","method":"gradcam","iterations":20}""", "has no option 'iterations'")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","method":"ep","epPreset":"quick"}""", "no Extremal Perturbation preset 'quick'")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","method":"mp","schedule":[{"iteration":3,"switches":{}}]}""", "has no switches to schedule")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","schedule":[{"iteration":3,"switches":{"area":-1}}]}""", "λ1 (area) must be between")]
    public async Task BadRunDefinitionsGetAProblemResponse(string body, string message)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsync("/api/runs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MalformedJsonAndUnknownRunsGetProblemResponses()
    {
        using var client = factory.CreateClient();
        var malformed = await client.PostAsync("/api/runs", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        foreach (var path in new[] { "/api/runs/doesnotexist", "/api/runs/doesnotexist/mask.png" })
        {
            var missing = await client.GetAsync(path, Token);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task TheHubStreamsARunsFramesToADotNetClient()
    {
        using var client = factory.CreateClient();
        var created = await client.PostAsJsonAsync("/api/runs", new { model = "world", sample = "world/scene-0002", target = "0", iterations = 40 }, Token);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetString()!;

        await using var hub = factory.RunHub();
        await hub.StartAsync(Token);
        var frames = new List<FrameMessage>();
        await foreach (var frame in hub.StreamAsync<FrameMessage>("Frames", id, Token)) frames.Add(frame);

        Assert.NotEmpty(frames);
        Assert.True(frames[^1].Clean);
        Assert.Equal(40, frames[^1].Iteration);
        Assert.Equal(frames[^1].MapWidth * frames[^1].MapHeight, frames[^1].Map.Length);
        Assert.Equal(frames.Select(f => f.Iteration).Order(), frames.Select(f => f.Iteration));
        Assert.All(frames, f => Assert.InRange(f.PublishedAtMs!.Value, 1e12, (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds));
    }

    static async Task<bool> Pause()
    {
        await Task.Delay(100, Token);
        return true;
    }
}
