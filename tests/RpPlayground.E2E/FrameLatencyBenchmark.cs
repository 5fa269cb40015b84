using System.Globalization;
using Microsoft.Playwright;

namespace RpPlayground.E2E;

/// <summary>
/// A benchmark, not a timing test: how long a frame takes from leaving the optimiser on the server to being painted
/// in Chromium over loopback, p50 and p95 over 200 frames, and the bytes per frame on the Blazor WebSocket. Prints the
/// figures and writes them to artifacts/e2e/frame-latency.txt; asserts only that 200 frames were measured. Explicit,
/// so never part of the default test run: <c>dotnet test tests/RpPlayground.E2E --filter Category=Benchmark -- xUnit.Explicit=only</c>.
/// </summary>
[Collection(SiteCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class FrameLatencyBenchmark(SiteFixture site)
{
    const int Frames = 200;

    [Fact(Explicit = true)]
    public async Task MeasureServerToPaintLatencyOver200Frames()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        long received = 0;
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) => Interlocked.Add(ref received, frame.Binary?.Length ?? System.Text.Encoding.UTF8.GetByteCount(frame.Text ?? ""));
        // The benchmark's own page script: the site raises an event when a frame is on screen; this records its latency.
        await page.AddInitScriptAsync("document.addEventListener('rp-frame-painted', e => (window.rpFrameLatencies ||= []).push(performance.timeOrigin + performance.now() - e.detail.producedAt))");
        await page.GotoAsync(site.Address + "/");
        await Assertions.Expect(page.Locator("[data-testid=run]")).ToBeEnabledAsync(new() { Timeout = 30000 });
        await page.GetByText("More options (fixed when a run starts)").ClickAsync();
        await page.Locator("input[data-testid=iterations], [data-testid=iterations] input").FillAsync("3000");
        await page.Locator("[data-testid=run]").ClickAsync();
        await page.WaitForFunctionAsync("() => (window.rpFrameLatencies || []).length >= 1", null, new() { Timeout = 60000 });
        var before = Interlocked.Read(ref received);
        var paintedBefore = await Painted(page);
        await page.WaitForFunctionAsync($"() => window.rpFrameLatencies.length >= {Frames + 1}", null, new() { Timeout = 120000 });
        var bytes = Interlocked.Read(ref received) - before;
        var painted = await Painted(page) - paintedBefore;
        await page.Locator("[data-testid=stop]").ClickAsync();

        var latencies = (await page.EvaluateAsync<double[]>("() => window.rpFrameLatencies")).Skip(1).Take(Frames).Order().ToArray();
        Assert.Equal(Frames, latencies.Length);
        var report = string.Create(CultureInfo.InvariantCulture,
            $"server-to-paint latency over {Frames} frames (world model, RP, map 128x128): p50 {Percentile(latencies, 0.50):0.0} ms, p95 {Percentile(latencies, 0.95):0.0} ms, max {latencies[^1]:0.0} ms (goal: p95 under 100 ms); " +
            $"WebSocket bytes received per painted frame: {bytes / (double)Math.Max(1, painted):0} ({bytes} bytes over {painted} frames, all circuit traffic included)");
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        File.WriteAllText(Path.Combine(SiteFixture.Artifacts, "frame-latency.txt"), report + Environment.NewLine);
        Assert.All(latencies, l => Assert.True(l > -5, $"a frame was painted {l:0.0} ms before it was produced: the clocks disagree"));
    }

    static Task<int> Painted(IPage page) => page.EvaluateAsync<int>("() => (window.rpFrameLatencies || []).length");

    static double Percentile(double[] sorted, double q) => sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
}
