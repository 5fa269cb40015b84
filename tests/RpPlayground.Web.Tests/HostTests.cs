using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Hosting;

namespace RpPlayground.Web.Tests;

/// <summary>The real host in memory: health, pages and the top-level wwwroot.</summary>
public sealed class HostTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    [Fact]
    public async Task HealthSaysOkAndListsTheDeclaredModels()
    {
        using var client = factory.CreateClient();
        var health = await client.GetFromJsonAsync<HealthEndpoint.Health>("/healthz", TestContext.Current.CancellationToken);
        Assert.NotNull(health);
        Assert.Equal("ok", health.Status);
        Assert.StartsWith("TorchSharp on cpu", health.Engine);
        var darknet = Assert.Single(health.Models, m => m.Id == "darknet-tiny");
        Assert.True(darknet.Available, "darknet-tiny ships in samples/models and must be available");
        // Memory, for watching a long day: LibTorch's weights alone are tens of MB of the C heap.
        Assert.InRange(health.Memory.Resident, 50L << 20, 64L << 30);
        if (OperatingSystem.IsLinux()) Assert.InRange(health.Memory.HeapInUse!.Value, 1L << 20, health.Memory.Resident);
        if (OperatingSystem.IsLinux()) Assert.Equal(Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") == "1", health.Memory.HeapOneArena);
        if (health.Memory.HeapOneArena == true) Assert.Equal(1, health.Memory.HeapArenas);  // a heap of one arena, counted by glibc's malloc_info
        else if (OperatingSystem.IsLinux()) Assert.InRange(health.Memory.HeapArenas!.Value, 1, 1024);
    }

    [Fact]
    public void TheReadmesDotnetRunStartsTheSiteInProductionWithOneHeapArena()
    {
        using var profile = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFolder.Path, "src", "RpPlayground.Web", "Properties", "launchSettings.json")));
        var environment = profile.RootElement.GetProperty("profiles").GetProperty("http").GetProperty("environmentVariables");
        Assert.Equal("Production", environment.GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.Equal("1", environment.GetProperty("MALLOC_ARENA_MAX").GetString());
    }

    [Theory]
    [InlineData("Runs:MaxConcurrent", "0", "Runs:MaxConcurrent must be between 1 and 64 (got 0).")]
    [InlineData("Runs:TimeLimitSeconds", "-5", "Runs:TimeLimitSeconds must be between 1 and 86400 (got -5).")]
    [InlineData("Storage:UploadRetentionDays", "0", "Storage:UploadRetentionDays must be above 0 (got 0).")]
    [InlineData("Runs:MaxQueued", "lots", "Runs:MaxQueued")]
    [InlineData("RateLimits:UploadsPerMinute", "0", "RateLimits:UploadsPerMinute must be between 1 and 100000 (got 0).")]
    public void ABadSettingStopsTheStartWithAMessageNamingItsKey(string key, string value, string message)
    {
        using var bad = PlaygroundFactory.With((key, value));
        var error = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task TheModelsPageRendersTheModelTable()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/models", TestContext.Current.CancellationToken);
        Assert.Contains("<h1", html);
        Assert.Contains("darknet-tiny", html);
        Assert.Contains("world", html);
        Assert.Contains("IEEE Transactions on Image Processing", html);
    }

    [Fact]
    public async Task ThePlaygroundIsTheFrontPage()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Robust Perturbation playground", html);
        Assert.Contains("<math", html);
    }

    [Fact]
    public async Task SamplesAreServedByIdAndNothingElse()
    {
        using var client = factory.CreateClient();
        var png = await client.GetByteArrayAsync("/samples/image/world/scene-0001", TestContext.Current.CancellationToken);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Repository, "samples", "world", "scene-0001.png")), png);
        var missing = await client.GetAsync("/samples/image/..%2F..%2FREADME.md", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task StaticFilesComeFromTheTopLevelWwwroot()
    {
        using var client = factory.CreateClient();
        var css = await client.GetStringAsync("/app.css", TestContext.Current.CancellationToken);
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Repository, "wwwroot", "app.css"), TestContext.Current.CancellationToken), css);
    }

    [Fact]
    public async Task AnUnknownAddressGivesTheNotFoundPage()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/no/such/page", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing here", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    static string Repository => RepositoryFolder.Path;
}
