using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Hosting;

namespace RpPlayground.Web.Tests;

/// <summary>The real host in memory: health, pages and the top-level wwwroot.</summary>
public sealed class HostTests(WebApplicationFactory<Program> factory) : IClassFixture<WebApplicationFactory<Program>>
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
        Assert.Equal(RepositoryFolder.DarknetTiny is not null, darknet.Available);
    }

    [Fact]
    public async Task TheHomePageRendersWithTheModelTable()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("<h1", html);
        Assert.Contains("Robust Perturbation", html);
        Assert.Contains("darknet-tiny", html);
        Assert.Contains("IEEE Transactions on Image Processing", html);
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
