using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RpPlayground.Web.Hosting;

namespace RpPlayground.Web.Tests;

/// <summary>Every way a script or a browser can send a bad request gets a short problem response, and every response carries the security headers.</summary>
public sealed class ProblemResponseTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static byte[] Scene => File.ReadAllBytes(Path.Combine(RpPlayground.Tests.Shared.RepositoryFolder.Path, "samples", "world", "scene-0001.png"));

    [Fact]
    public async Task ARawUploadSentWithCurlsDefaultFormTypeIsTakenAsTheImage()
    {
        using var client = factory.CreateClient();
        var content = new ByteArrayContent(Scene);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        var response = await client.PostAsync("/api/images", content, Token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest, "could not be read as this endpoint's JSON")]
    [InlineData("""{"model":"world","sample":"world/scene-0001","target":"boat","iterations":"many"}""", "application/json", HttpStatusCode.BadRequest, "could not be read as this endpoint's JSON")]
    [InlineData("""{"model":"world"}""", "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type: application/json")]
    public async Task UnreadableRunBodiesGetAProblemWithTheRightStatus(string body, string type, HttpStatusCode status, string message)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsync("/api/runs", new StringContent(body, Encoding.UTF8, type), Token);
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Token)}");
        await AssertProblem(response, message);
    }

    [Fact]
    public async Task AHugeFieldIsRefusedWithoutBeingEchoed()
    {
        using var client = factory.CreateClient();
        var target = new string('x', 10 * 1024 * 1024);
        var response = await client.PostAsJsonAsync("/api/runs", new { model = "world", sample = "world/scene-0001", target }, Token);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, response.StatusCode.ToString());
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(text.Length < 2000, $"{text.Length} characters in the answer");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnknownApiPathOrMethodGetsAProblemNotAPage()
    {
        using var client = factory.CreateClient();
        var response = await client.PutAsync("/api/runs", new StringContent("{}", Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task ACrossSiteBrowserRequestThatWouldChangeSomethingIsRefused(string header, string value)
    {
        using var client = factory.CreateClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Scene), "file", "scene.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/images") { Content = form };
        request.Headers.Add(header, value);
        var response = await client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertProblem(response, "Requests from other sites");
    }

    [Fact]
    public async Task TheSitesOwnOriginMayPost()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/images") { Content = new ByteArrayContent(Scene) };
        request.Headers.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request, Token)).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/gallery")]
    [InlineData("/healthz")]
    [InlineData("/api/runs/nothing")]
    [InlineData("/samples/image/world/scene-0001")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(path, Token);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, policy);
        Assert.Contains("script-src 'self';", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
    }

    static async Task AssertProblem(HttpResponseMessage response, string message)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains(message, body.GetProperty("detail").GetString());
        Assert.False(body.TryGetProperty("exception", out _), "the problem carries an exception");
    }
}
