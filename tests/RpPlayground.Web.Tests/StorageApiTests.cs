using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RpPlayground.Runs;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Storage;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace RpPlayground.Web.Tests;

/// <summary>Uploads, shared runs and exports through the HTTP API, on a data folder of the test's own.</summary>
public sealed class StorageApiTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static byte[] Photo => File.ReadAllBytes(Path.Combine(RepositoryFolder.Path, "samples", "world", "scene-0001.png"));

    [Fact]
    public async Task EveryUploadGetsItsOwnRandomIdAndThePixelsAreStoredOnce()
    {
        using var client = factory.CreateClient();
        var (uploadsBefore, picturesBefore) = (Count(), Store.PictureCount());
        var first = await client.PostAsync("/api/images", new ByteArrayContent(Photo), Token);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var stored = await first.Content.ReadFromJsonAsync<StoredImage>(Token);
        Assert.Matches("^upload/[0-9a-f]{16}$", stored!.Id);
        Assert.Equal((128, 128), (stored.Width, stored.Height));
        var contentHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Photo)).ToLowerInvariant();
        Assert.DoesNotContain(stored.Id["upload/".Length..], contentHash);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(Photo) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "file", "scene.png" } };
        var again = await client.PostAsync("/api/images", form, Token);
        Assert.NotEqual(stored.Id, (await again.Content.ReadFromJsonAsync<StoredImage>(Token))!.Id);
        Assert.Equal((uploadsBefore + 2, picturesBefore + 1), (Count(), Store.PictureCount()));

        using var shown = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(await client.GetByteArrayAsync($"/samples/image/{stored.Id}", Token));
        using var original = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(Photo);
        Assert.Equal(original[17, 93], shown[17, 93]);
        var run = await FinishedRun(client, stored.Id, iterations: 3);
        Assert.Equal("Completed", run.GetProperty("state").GetString());
    }

    [Fact]
    public async Task AnUploadKeepsItsPixelsAndNoneOfItsMetadata()
    {
        using var client = factory.CreateClient();
        var secret = "GPS 48.8584 N 2.2945 E"u8.ToArray();
        var withText = PngWriter.Rgb(40, 30, 30, ("tEXt", [.. "Comment\0"u8, .. secret]), ("zTXt", [.. "Big\0"u8, 0, .. PngWriter.CompressedZeros(200L * 1024 * 1024)]));
        var response = await client.PostAsync("/api/images", new ByteArrayContent(withText), Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await response.Content.ReadFromJsonAsync<StoredImage>(Token);
        var kept = await client.GetByteArrayAsync($"/samples/image/{stored!.Id}", Token);
        Assert.True(kept.AsSpan().IndexOf(secret) < 0, "the text chunk was stored");
        Assert.True(kept.Length < 10_000, $"{kept.Length} bytes stored for a 40x30 picture");
    }

    public static TheoryData<string, byte[], string> BadUploads() => new()
    {
        { "truncated PNG", Photo[..(Photo.Length / 2)], "truncated or corrupt" },
        { "text", "hello, I am not an image"u8.ToArray(), "not an image in a supported format" },
        { "empty", [], "The file is empty" },
        { "decompression bomb", PngWriter.BlackBilevel(20000, 20000), "20000x20000" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task ABadUploadGetsAProblemAndStoresNothing(string what, byte[] bytes, string message)
    {
        using var client = factory.CreateClient();
        var before = Count();
        var response = await client.PostAsync("/api/images", new ByteArrayContent(bytes), Token);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString());
        Assert.Equal(before, Count());
    }

    [Fact]
    public async Task AnOversizedUploadIsRefusedWithoutReadingItAll()
    {
        using var client = factory.CreateClient();
        var before = Count();
        var response = await client.PostAsync("/api/images", new ByteArrayContent(new byte[10 * 1024 * 1024 + 1]), Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 10 MB", (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString());
        Assert.Equal(before, Count());
    }

    [Fact]
    public async Task FramesExportAsCsvAndJson()
    {
        using var client = factory.CreateClient();
        var run = await FinishedRun(client, "world/scene-0001", iterations: 4);
        var id = run.GetProperty("id").GetString();
        var csv = (await client.GetStringAsync($"/api/runs/{id}/frames.csv", Token)).TrimEnd().Split('\n');
        Assert.StartsWith("iteration,iterations,elapsed_ms,clean,loss_target,", csv[0]);
        Assert.Contains("p_x_pt_boat", csv[0]);
        Assert.Equal(1 + 5, csv.Length);  // header, 4 iterations and the clean final frame
        Assert.StartsWith("4,4,", csv[^1]);
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/frames.json", Token);
        Assert.Equal(5, json.GetArrayLength());
        Assert.False(json[0].TryGetProperty("map", out _), "frames.json carries an empty map");  // mask.png has the map
        Assert.False(json[0].TryGetProperty("mapWidth", out _), "frames.json names a map width for a map it lacks");
        Assert.True(json[json.GetArrayLength() - 1].GetProperty("clean").GetBoolean());
        var overlay = await client.GetAsync($"/api/runs/{id}/overlay.png", Token);
        Assert.Equal(0x89, (await overlay.Content.ReadAsByteArrayAsync(Token))[0]);
        foreach (var (path, name) in new[] { ("overlay.png", "overlay.png"), ("mask.png", "mask.png"), ("frames.csv", "frames.csv"), ("frames.json", "frames.json") })
        {
            var download = await client.GetAsync($"/api/runs/{id}/{path}", Token);
            Assert.Equal($"rp-{id}-rp-{name}", download.Content.Headers.ContentDisposition?.FileName);
        }
    }

    [Fact]
    public async Task AWidePictureExportsInItsOwnShapeAndAsACaptionedFigure()
    {
        using var client = factory.CreateClient();
        using var wide = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(Photo);
        wide.Mutate(x => x.Resize(192, 128));  // 3:2, as most photos
        using var png = new MemoryStream();
        wide.SaveAsPng(png);
        var upload = await (await client.PostAsync("/api/images", new ByteArrayContent(png.ToArray()), Token)).Content.ReadFromJsonAsync<StoredImage>(Token);
        var run = await FinishedRun(client, upload!.Id, iterations: 3);
        var id = run.GetProperty("id").GetString();

        using var overlay = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(await client.GetByteArrayAsync($"/api/runs/{id}/overlay.png", Token));
        Assert.Equal((512, 341), (overlay.Width, overlay.Height));  // 192x128 scaled to a longer side of 512, not squeezed square
        using var mask = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(await client.GetByteArrayAsync($"/api/runs/{id}/mask.png", Token));
        Assert.Equal((128, 128), (mask.Width, mask.Height));  // the map itself, on the model's square input

        var figure = await client.GetAsync($"/api/runs/{id}/figure.svg", Token);
        Assert.Equal("image/svg+xml", figure.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"rp-{id}-rp-figure.svg", figure.Content.Headers.ContentDisposition?.FileName);
        var svg = System.Xml.Linq.XDocument.Parse(await figure.Content.ReadAsStringAsync(Token));
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("512", svg.Root!.Attribute("width")!.Value);
        var embedded = svg.Root.Element(ns + "image")!.Attribute("href")!.Value;
        Assert.StartsWith("data:image/png;base64,", embedded);
        using (var inFigure = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(Convert.FromBase64String(embedded["data:image/png;base64,".Length..])))
            Assert.Equal((512, 341), (inFigure.Width, inFigure.Height));
        Assert.Equal(5, svg.Descendants(ns + "stop").Count());  // the colour bar's ramp
        var text = string.Join("\n", svg.Descendants(ns + "text").Select(t => t.Value));
        Assert.Contains($"“boat” explained on {upload.Id} by world", text);
        Assert.Contains("Robust Perturbation (Kim et al., IEEE TIP 2022)", text);
        Assert.Contains("iteration 3 of 3", text);
        Assert.Contains("non-target term on", text);
    }

    [Fact]
    public async Task ASharedRunSurvivesARestartOnTheSameDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"rp-restart-{Guid.NewGuid():N}");
        string link, sharedId;
        JsonElement original;
        using (var first = PlaygroundFactory.On(folder, ownsFolder: false))
        {
            using var client = first.CreateClient();
            original = await FinishedRun(first, client, "world/scene-0001", iterations: 3);
            using var share = new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{original.GetProperty("id").GetString()}/share");
            share.Headers.Add("X-Run-Control", original.GetProperty("controlToken").GetString());
            var shared = await client.SendAsync(share, Token);
            Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
            var body = await shared.Content.ReadFromJsonAsync<JsonElement>(Token);
            (link, sharedId) = (body.GetProperty("link").GetString()!, body.GetProperty("id").GetString()!);
            Assert.Equal($"/r/{sharedId}", link);
        }
        using (var second = PlaygroundFactory.On(folder, ownsFolder: true))
        {
            using var client = second.CreateClient();
            var shared = await client.GetFromJsonAsync<JsonElement>($"/api/shared/{sharedId}", Token);
            Assert.Equal("world/scene-0001", shared.GetProperty("definition").GetProperty("image").GetString());
            Assert.Equal(3, shared.GetProperty("result").GetProperty("iteration").GetInt32());
            Assert.Equal(original.GetProperty("distortion").GetProperty("code").GetDouble(), shared.GetProperty("result").GetProperty("distortion").GetProperty("code").GetDouble(), 9);
            Assert.Equal(0x89, (await client.GetByteArrayAsync($"/api/shared/{sharedId}/overlay.png", Token))[0]);
            var page = await client.GetStringAsync(link, Token);
            Assert.Contains("Shared run", page);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/shared/nothing", Token)).StatusCode);
        }
    }

    ImageStore Store => (ImageStore)factory.Services.GetService(typeof(ImageStore))!;

    long Count() => Store.Count();

    Task<JsonElement> FinishedRun(HttpClient client, string image, int iterations) => FinishedRun(factory, client, image, iterations);

    // The finished run's summary, with the control token its start returned (as "controlToken") put back in.
    static async Task<JsonElement> FinishedRun(PlaygroundFactory host, HttpClient client, string image, int iterations)
    {
        var created = await client.PostAsJsonAsync("/api/runs", new { model = "world", sample = image, target = "boat", iterations }, Token);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var start = await created.Content.ReadFromJsonAsync<JsonElement>(Token);
        var id = start.GetProperty("id").GetString()!;
        await ((RpPlayground.Runs.RunService)host.Services.GetService(typeof(RpPlayground.Runs.RunService))!).Find(id)!.Finished.WaitAsync(Token);
        var summary = await client.GetFromJsonAsync<Dictionary<string, JsonElement>>($"/api/runs/{id}", Token);
        summary!["controlToken"] = start.GetProperty("controlToken");
        return JsonSerializer.SerializeToElement(summary);
    }
}
