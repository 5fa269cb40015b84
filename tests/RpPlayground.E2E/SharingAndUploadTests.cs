using Microsoft.Playwright;
using RpPlayground.Tests.Shared;

namespace RpPlayground.E2E;

/// <summary>Sharing a run, opening the link elsewhere, uploads good and bad, the gallery, and the keyboard.</summary>
[Collection(SiteCollection.Name)]
public sealed class SharingAndUploadTests(SiteFixture site)
{
    static readonly BrowserNewPageOptions Large = new() { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } };

    [Fact]
    public async Task ASharedRunOpensInANewPageAndRunsAgainToTheSameResult()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(Large);
        await page.GotoAsync(site.Address + "/?image=distortion/scene-8-0702&target=boat&nt=false");
        await RunToTheEnd(page);
        var cds = await page.Locator("[data-testid=cds]").TextContentAsync();
        await page.Locator("[data-testid=share]").ClickAsync();
        var link = await page.Locator("[data-testid=shared-link]").GetAttributeAsync("href");
        Assert.Matches("^/r/[0-9a-f]{10}$", link);

        var other = await site.Browser!.NewPageAsync(Large);
        await other.GotoAsync(site.Address + link);
        await Assertions.Expect(other.Locator("h1")).ToContainTextAsync("Shared run");
        await Assertions.Expect(other.Locator("[data-testid=cds]")).ToHaveTextAsync(cds!);
        Assert.True(await other.Locator("[data-testid=shared-overlay]").EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0, "the overlay did not load");
        await other.ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "shared-run.png") });

        await other.Locator("[data-testid=rerun]").ClickAsync();
        await Assertions.Expect(other.Locator("[data-term=non-target]")).ToHaveAttributeAsync("notation", "horizontalstrike");
        await RunToTheEnd(other);
        await Assertions.Expect(other.Locator("[data-testid=cds]")).ToHaveTextAsync(cds!);  // same definition, same seed, same result
    }

    [Fact]
    public async Task ATruncatedPngUploadShowsAnErrorAndAGoodOneBecomesTheImage()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(Large);
        await page.GotoAsync(site.Address + "/");
        await Assertions.Expect(page.Locator("[data-testid=run]")).ToBeEnabledAsync(new() { Timeout = 30000 });
        var png = File.ReadAllBytes(Path.Combine(RepositoryFolder.Path, "samples", "world", "scene-0003.png"));

        await page.Locator("[data-testid=upload]").SetInputFilesAsync(new FilePayload { Name = "cut.png", MimeType = "image/png", Buffer = png[..(png.Length / 2)] });
        await Assertions.Expect(page.Locator("[data-testid=upload-error]")).ToContainTextAsync("cut.png: The image is truncated or corrupt");
        await page.ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "upload-error.png") });

        await page.Locator("[data-testid=upload]").SetInputFilesAsync(new FilePayload { Name = "whole.png", MimeType = "image/png", Buffer = png });
        await Assertions.Expect(page.Locator("[data-testid=upload-error]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=image]")).ToContainTextAsync("your upload (128x128)");
        await Assertions.Expect(page.Locator("[data-testid=run]")).ToBeEnabledAsync(new() { Timeout = 30000 });
    }

    [Fact]
    public async Task ABadLinkShowsWhatIsWrongAndThePageKeepsWorking()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(Large);
        await page.GotoAsync(site.Address + "/?image=nothing/here&target=boat&ntw=abc&nt=maybe&model=nope&method=magic");
        await Assertions.Expect(page.Locator("[data-testid=picker-error]")).ToContainTextAsync("There is no image 'nothing/here'", new() { Timeout = 30000 });
        var error = page.Locator("[data-testid=error]");
        await Assertions.Expect(error).ToContainTextAsync("Some of the link's settings were not used");
        foreach (var named in new[] { "there is no model 'nope'", "there is no method 'magic'", "'nt' must be true or false, not 'maybe'", "'ntw' must be a number, not 'abc'" })
            await Assertions.Expect(error).ToContainTextAsync(named);
        await Assertions.Expect(page.Locator("[data-testid=run]")).ToBeDisabledAsync();
        await SiteFixture.InteractiveAsync(page);  // the errors above may be the prerendered page's
        await page.GetByLabel("Large type").ClickAsync();  // the circuit answers despite the bad link
        await Assertions.Expect(page.Locator(".rp-large-type")).ToHaveCountAsync(1, new() { Timeout = 30000 });
    }

    [Fact]
    public async Task TheGalleryOpensItsExamplesInThePlayground()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(Large);
        await page.GotoAsync(site.Address + "/gallery");
        var items = page.Locator("[data-testid=gallery-item]");
        await Assertions.Expect(items.First).ToBeVisibleAsync();
        Assert.True(await items.CountAsync() >= 3);
        Assert.True(await page.GetByText("non-target term off").CountAsync() >= 3, "fewer than three examples with the non-target term off");
        await page.ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "gallery.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 720);
        await page.ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "gallery-1280.png") });

        await items.First.GetByText("Run it live").ClickAsync();
        await Assertions.Expect(page.Locator("[data-term=non-target]")).ToHaveAttributeAsync("notation", "horizontalstrike");
        await Assertions.Expect(page.Locator("input[data-testid=target], [data-testid=target] input")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^boat"), new() { Timeout = 30000 });
    }

    [Fact]
    public async Task RunCanBeReachedByKeyboardAndLargeTypeScalesThePage()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(Large);
        await page.GotoAsync(site.Address + "/");
        await Assertions.Expect(page.Locator("[data-testid=run]")).ToBeEnabledAsync(new() { Timeout = 30000 });
        var reached = false;
        for (var i = 0; i < 60 && !reached; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            reached = await page.EvaluateAsync<bool>("() => document.activeElement?.dataset?.testid === 'run'");
        }
        Assert.True(reached, "Tab never reached the Run button");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=stop]")).ToBeEnabledAsync();
        await page.Locator("[data-testid=stop]").ClickAsync();

        await page.GetByLabel("Large type").ClickAsync();
        await Assertions.Expect(page.Locator(".rp-large-type")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "playground-large-type.png") });

        // Remembered by this browser: through a link opened afresh and a reload, until switched off.
        await page.GotoAsync(site.Address + "/gallery");
        await Assertions.Expect(page.Locator(".rp-large-type")).ToHaveCountAsync(1, new() { Timeout = 30000 });
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".rp-large-type")).ToHaveCountAsync(1, new() { Timeout = 30000 });
        await page.GetByLabel("Large type").ClickAsync();
        await Assertions.Expect(page.Locator(".rp-large-type")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-testid=gallery-item]").First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => localStorage.getItem('rp-large-type') === '0'");
        await Assertions.Expect(page.Locator(".rp-large-type")).ToHaveCountAsync(0);
    }

    static async Task RunToTheEnd(IPage page)
    {
        var run = page.Locator("[data-testid=run]");
        await Assertions.Expect(run).ToBeEnabledAsync(new() { Timeout = 30000 });
        await run.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Done"), new() { Timeout = 120000 });
    }
}
