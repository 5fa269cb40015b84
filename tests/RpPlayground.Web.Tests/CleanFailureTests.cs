using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Tests;

/// <summary>
/// Requests that used to end in a 500 get a problem response with a 4xx status that says what is wrong, and change
/// nothing: malformed multipart forms, JSON nulls in a run body, a Grad-CAM layer the model lacks, a shared run that
/// does not exist.
/// </summary>
public sealed class CleanFailureTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static byte[] Scene => File.ReadAllBytes(Path.Combine(RpPlayground.Tests.Shared.RepositoryFolder.Path, "samples", "world", "scene-0001.png"));

    const string Boundary = "rp-boundary";

    public static TheoryData<string, HttpStatusCode, string> Forms
    {
        get
        {
            var part = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scene.png\"\r\nContent-Type: image/png\r\n\r\n";
            var fields = string.Concat(Enumerable.Range(0, 2000).Select(i => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nx\r\n")) + $"--{Boundary}--\r\n";
            var longName = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{new string('a', 20 * 1024)}.png\"\r\n\r\nx\r\n--{Boundary}--\r\n";
            var longHeader = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nX-Padding: {new string('p', 100 * 1024)}\r\n\r\nx\r\n--{Boundary}--\r\n";
            var files = string.Concat(Enumerable.Range(0, 50).Select(i => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file{i}\"; filename=\"{i}.png\"\r\n\r\nx\r\n")) + $"--{Boundary}--\r\n";
            return new()
            {
                { "no-boundary", HttpStatusCode.BadRequest, "not a readable multipart form" },
                { "raw-image", HttpStatusCode.BadRequest, "not a readable multipart form" },
                { part, HttpStatusCode.BadRequest, "not a readable multipart form" },  // the body ends inside the part
                { fields, HttpStatusCode.RequestEntityTooLarge, "larger than the server reads" },
                { longName, HttpStatusCode.RequestEntityTooLarge, "larger than the server reads" },
                { longHeader, HttpStatusCode.RequestEntityTooLarge, "larger than the server reads" },
                { files, HttpStatusCode.BadRequest, "The form has 50 files" },
            };
        }
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task AMalformedUploadFormIsAProblemAndStoresNothing(string body, HttpStatusCode status, string message)
    {
        using var client = factory.CreateClient();
        var store = factory.Services.GetRequiredService<ImageStore>();
        var before = store.Count();
        HttpContent content = body switch
        {
            "no-boundary" => new StringContent($"--{Boundary}\r\n\r\nx\r\n--{Boundary}--\r\n", Encoding.UTF8),
            "raw-image" => new ByteArrayContent(Scene),
            _ => new StringContent(body, Encoding.UTF8),
        };
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", body == "no-boundary" ? "multipart/form-data" : $"multipart/form-data; boundary={Boundary}");

        var response = await client.PostAsync("/api/images", content, Token);

        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
        await AssertProblem(response, message);
        Assert.Equal(before, store.Count());
    }

    [Theory]
    [InlineData("""{"model":"world","image":null,"target":"boat"}""", "'image'")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":null}""", "'target'")]
    [InlineData("""{"model":null,"sample":"world/scene-0001","target":"boat"}""", "'model'")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","method":null}""", "'method'")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","schedule":[null]}""", "'schedule[0]'")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","schedule":[{"iteration":3,"switches":null}]}""", "'schedule[0].switches'")]
    public async Task ANullInARunBodyIsABadRequestNamingTheField(string body, string field)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, "application/json"), Token);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
        await AssertProblem(response, field);
    }

    [Fact]
    public async Task AGradCamLayerTheModelLacksIsRefusedAtTheStartNamingItsLayers()
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/runs", new { model = "world", sample = "world/scene-0001", target = "boat", method = "gradcam", gradCamLayer = "block9" }, Token);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
        await AssertProblem(response, "has no layer 'block9'. Its activations: block1, block2, block3, block4.");

        var named = await client.PostAsJsonAsync("/api/runs", new { model = "world", sample = "world/scene-0001", target = "boat", method = "gradcam", gradCamLayer = "block3" }, Token);
        Assert.Equal(HttpStatusCode.Accepted, named.StatusCode);
    }

    [Fact]
    public async Task AnUnknownSharedRunsPageAnswersNotFound()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/r/nosuchrun", Token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no shared run", await response.Content.ReadAsStringAsync(Token));
    }

    static async Task AssertProblem(HttpResponseMessage response, string message)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains(message, body.GetProperty("detail").GetString());
    }
}
