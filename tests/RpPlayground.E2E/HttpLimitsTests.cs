using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RpPlayground.E2E;

/// <summary>The real server (Kestrel, Production, as the README starts it) answers oversized and unreadable requests with short problem responses.</summary>
[Collection(SiteCollection.Name)]
public sealed class HttpLimitsTests(SiteFixture site)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("multipart", 31)]
    [InlineData("raw", 12)]
    public async Task AnUploadOverTheLimitIsA413Problem(string kind, int megabytes)
    {
        site.BrowserOrSkip();
        // As curl does for large bodies: ask first (Expect: 100-continue), so the refusal arrives before the body is sent.
        using var http = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) }) { BaseAddress = new Uri(site.Address) };
        http.DefaultRequestHeaders.ExpectContinue = true;
        HttpContent body = new ByteArrayContent(new byte[megabytes * 1024 * 1024]);
        if (kind == "multipart") body = new MultipartFormDataContent { { body, "file", "big.png" } };
        var response = await http.PostAsync("/api/images", body, Token);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertShortProblem(response);
    }

    [Fact]
    public async Task MalformedJsonIsA400ProblemWithoutAStackTrace()
    {
        site.BrowserOrSkip();
        using var http = new HttpClient { BaseAddress = new Uri(site.Address) };
        var response = await http.PostAsync("/api/runs", new StringContent("{\"model\": [", System.Text.Encoding.UTF8, "application/json"), Token);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertShortProblem(response);
    }

    static async Task AssertShortProblem(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(text.Length < 1000, text);
        Assert.DoesNotContain("   at ", text);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()));
    }
}
