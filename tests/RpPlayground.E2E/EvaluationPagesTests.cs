using Microsoft.Playwright;

namespace RpPlayground.E2E;

/// <summary>The compare, deletion and sanity pages run their work and show it.</summary>
[Collection(SiteCollection.Name)]
public sealed class EvaluationPagesTests(SiteFixture site)
{
    static readonly BrowserNewPageOptions Large = new() { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } };

    [Fact]
    public async Task TheSanityPageShowsAGridAndCurvesForTheChosenMethod()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(Large);
        await page.GotoAsync(site.Address + "/sanity");
        var check = page.Locator("[data-testid=check]");
        await Assertions.Expect(check).ToBeEnabledAsync(new() { Timeout = 30000 });
        await page.GetByLabel("Grad-CAM (Selvaraju et al., ICCV 2017)").UncheckAsync();
        await page.GetByLabel("Robust Perturbation (Kim et al., IEEE TIP 2022)").UncheckAsync();
        await check.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=sanity-status]")).ToContainTextAsync("1 of 1 methods, 9 layers", new() { Timeout = 60000 });
        Assert.Equal(10, await page.Locator("[data-testid=sanity-grid] tbody img").CountAsync());
        await Assertions.Expect(page.Locator("[data-testid=chart-spearman]")).ToContainTextAsync("gradient: ");
        await Assertions.Expect(page.Locator("[data-testid=chart-spearman] [data-testid=y-title]")).ToHaveTextAsync("Spearman correlation");
        await page.ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "sanity.png"), FullPage = true });

        // On a 1280x720 projector the ten maps shrink to fit beside the menu; none is cut off.
        await page.SetViewportSizeAsync(1280, 720);
        var grid = await page.Locator(".rp-sanity-grid").BoundingBoxAsync();
        var last = await page.Locator("[data-testid=sanity-grid] tbody img").Last.BoundingBoxAsync();
        Assert.True(last!.X + last.Width <= grid!.X + grid.Width + 1, $"the last map ends at {last.X + last.Width}, the grid at {grid.X + grid.Width}");
        await AxisTitleFits(page, "chart-spearman");
        await page.ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "sanity-1280.png") });
    }

    [Fact]
    public async Task TheDeletionPagePlaysEveryMethodAndRanksThem()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(Large);
        await page.GotoAsync(site.Address + "/deletion");
        var play = page.Locator("[data-testid=play]");
        await Assertions.Expect(play).ToBeEnabledAsync(new() { Timeout = 30000 });
        await play.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=deletion-status]")).ToContainTextAsync(": 6 methods.", new() { Timeout = 900000 });
        await Assertions.Expect(page.Locator("[data-testid=job-ep]")).ToContainTextAsync("done in");
        Assert.Equal(6, await page.Locator("[data-testid=deletion-table] tbody tr").CountAsync());
        await Assertions.Expect(page.Locator("[data-testid=chart-deletion]")).ToContainTextAsync("rp (AUC 0.");
        await Assertions.Expect(page.Locator("[data-testid=chart-deletion] [data-testid=x-title]")).ToContainTextAsync("deletion step (300 pixels each");
        await page.ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "deletion.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 720);
        await AxisTitleFits(page, "chart-deletion");
        await page.ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "deletion-1280.png") });
    }

    // The chart's x-axis title is whole inside its chart: not wider than the chart and not cut off.
    static async Task AxisTitleFits(IPage page, string chart)
    {
        var figure = await page.Locator($"[data-testid={chart}]").BoundingBoxAsync();
        var title = page.Locator($"[data-testid={chart}] [data-testid=x-title]");
        var box = await title.BoundingBoxAsync();
        Assert.True(box!.X >= figure!.X - 1 && box.X + box.Width <= figure.X + figure.Width + 1,
            $"the x-axis title spans {box.X:0}-{box.X + box.Width:0}, its chart {figure.X:0}-{figure.X + figure.Width:0}");
        Assert.True(await title.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth + 1"), "the x-axis title overflows its box");
    }

    [Fact]
    public async Task ADeletionGameShowsEachMethodsProgressAndCanBeStopped()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(Large);
        await page.GotoAsync(site.Address + "/deletion");
        var play = page.Locator("[data-testid=play]");
        await Assertions.Expect(play).ToBeEnabledAsync(new() { Timeout = 30000 });
        await play.ClickAsync();
        // RP goes first; once it reports a percentage, stop.
        await Assertions.Expect(page.Locator("[data-testid=job-rp]")).ToContainTextAsync("%", new() { Timeout = 900000 });
        await page.Locator("[data-testid=stop]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=job-rp]")).ToContainTextAsync("stopped", new() { Timeout = 60000 });
        await Assertions.Expect(page.Locator("[data-testid=job-mp]")).ToContainTextAsync("not started");
        await Assertions.Expect(page.Locator("[data-testid=deletion-status]")).ToContainTextAsync("0 of 6 methods");
        await Assertions.Expect(play).ToBeEnabledAsync();
    }

    [Fact]
    public async Task TheComparePageShowsAllSixMaps()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(Large);
        await page.GotoAsync(site.Address + "/compare");
        var compare = page.Locator("[data-testid=compare]");
        await Assertions.Expect(compare).ToBeEnabledAsync(new() { Timeout = 30000 });
        // Before Run: the picture, and what each method will do.
        await Assertions.Expect(page.Locator("[data-testid=subject-picture]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=compare-rp]")).ToContainTextAsync("Will run 150 iterations.");
        await Assertions.Expect(page.Locator("[data-testid=compare-gradcam]")).ToContainTextAsync("Will explain in one pass.");
        await compare.ClickAsync();
        // A hang guard, not a speed expectation: on a machine at load average 17 the six methods took over 3 minutes.
        await Assertions.Expect(page.Locator("[data-testid^=compare-] img")).ToHaveCountAsync(6, new() { Timeout = 900000 });
        await Assertions.Expect(page.Locator("[data-testid=compare-rp]")).ToContainTextAsync("CDS");
        await page.ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "compare.png"), FullPage = true });
    }
}
