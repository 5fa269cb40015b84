using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;

namespace RpPlayground.Web.Tests;

/// <summary>
/// One run definition everywhere: what a shared run stores and returns is what <c>POST /api/runs</c> takes, so it
/// posts back as it is and runs the same run; the older flat body still works; definitions stored in the older shape
/// (a <c>settings</c> object with every method's part) still load.
/// </summary>
public sealed class RunDefinitionTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASharedRunsDefinitionPostsBackAsItIsAndRunsTheSameRun()
    {
        using var client = factory.CreateClient();
        var body = new { model = "world", image = "world/scene-0001", target = "boat", seed = 3, method = "rp", options = new { iterations = 6, switches = new { nonTarget = false } } };
        var created = await Started(await client.PostAsJsonAsync("/api/runs", body, Token));
        var token = created.GetProperty("controlToken").GetString();
        var first = await Finished(client, created);
        using var share = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{first.GetProperty("id").GetString()}/share");
        share.Headers.Add("X-Run-Control", token);
        var link = await (await client.SendAsync(share, Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var shared = await client.GetFromJsonAsync<JsonElement>($"/api/shared/{link.GetProperty("id").GetString()}", Token);
        var definition = shared.GetProperty("definition");
        Assert.Equal(6, definition.GetProperty("options").GetProperty("iterations").GetInt32());
        Assert.False(definition.GetProperty("options").GetProperty("switches").GetProperty("nonTarget").GetBoolean());
        Assert.Equal(0.05, definition.GetProperty("options").GetProperty("noiseSigma").GetDouble());  // the model's recommendation, written out

        var again = await Finished(client, await Started(await client.PostAsync("/api/runs", new StringContent(definition.GetRawText(), System.Text.Encoding.UTF8, "application/json"), Token)));
        Assert.Equal(definition.GetRawText(), again.GetProperty("definition").GetRawText());
        Assert.Equal(first.GetProperty("distortion").GetProperty("code").GetDouble(), again.GetProperty("distortion").GetProperty("code").GetDouble(), 12);
    }

    [Fact]
    public async Task TheOlderFlatBodyMeansWhatItMeant()
    {
        using var client = factory.CreateClient();
        var run = await Finished(client, await Started(await client.PostAsJsonAsync("/api/runs",
            new { model = "world", sample = "world/scene-0001", target = "boat", iterations = 4, nonTarget = false, area = 3.0 }, Token)));
        var options = run.GetProperty("definition").GetProperty("options");
        Assert.Equal(4, options.GetProperty("iterations").GetInt32());
        Assert.False(options.GetProperty("switches").GetProperty("nonTarget").GetBoolean());
        Assert.Equal(3.0, options.GetProperty("switches").GetProperty("area").GetDouble());
        Assert.Equal("world/scene-0001", run.GetProperty("definition").GetProperty("image").GetString());
    }

    [Fact]
    public void ADefinitionStoredInTheOlderShapeLoadsAndIsWrittenInTheNewOne()
    {
        const string older = """
            {"modelId":"world","sampleId":"world/scene-0002","target":2,"method":"rp","seed":7,
             "settings":{"rp":{"iterations":33,"noiseSigma":0.05},"switches":{"nonTarget":false,"nonTargetWeight":7},"mp":{"iterations":300}},
             "schedule":[{"iteration":10,"switches":{"nonTarget":true}}]}
            """;
        var request = RunJson.Read<RunRequest>(older);
        Assert.Equal(("world", "world/scene-0002", 2, "rp", 7), (request.ModelId, request.SampleId, request.Target, request.Method, request.Seed));
        var rp = Assert.IsType<RpOptions>(request.Options);
        Assert.Equal(33, rp.Iterations);
        Assert.Equal(new RpSwitches { NonTarget = false, NonTargetWeight = 7 }, rp.Switches);
        Assert.Equal(10, Assert.Single(request.Schedule).Iteration);

        var written = JsonDocument.Parse(RunJson.Write(request)).RootElement;
        Assert.Equal("world/scene-0002", written.GetProperty("image").GetString());
        Assert.Equal(33, written.GetProperty("options").GetProperty("iterations").GetInt32());
        Assert.Equal(request, RunJson.Read<RunRequest>(written.GetRawText()) with { Schedule = request.Schedule });
    }

    static async Task<JsonElement> Started(HttpResponseMessage created)
    {
        var text = await created.Content.ReadAsStringAsync(Token);
        Assert.True(created.StatusCode == HttpStatusCode.Accepted, $"{created.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    async Task<JsonElement> Finished(HttpClient client, JsonElement started)
    {
        var id = started.GetProperty("id").GetString()!;
        await factory.Services.GetRequiredService<RunService>().Find(id)!.Finished.WaitAsync(Token);
        var summary = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Token);
        Assert.Equal("Completed", summary.GetProperty("state").GetString());
        return summary;
    }
}
