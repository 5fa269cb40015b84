using Microsoft.Playwright;

namespace RpPlayground.E2E;

/// <summary>The objective renders as mathematics in Chromium (MathML, with real sub- and superscripts), and stays so when a term is struck out.</summary>
[Collection(SiteCollection.Name)]
public sealed class EquationTests(SiteFixture site)
{
    // The math element's namespace, and the first subscript (D_T) against its base: smaller, and lower on the page.
    const string LayoutScript = """
        () => {
            const math = document.querySelector('[data-testid=equation] math');
            const sub = math.querySelector('msub');
            const [base, script] = [sub.children[0].getBoundingClientRect(), sub.children[1].getBoundingClientRect()];
            return { ns: math.namespaceURI, lower: script.bottom > base.bottom, smaller: script.height < base.height };
        }
        """;

    [Fact]
    public async Task TheObjectiveIsMathMlWithSubscriptsBeforeAndAfterATermIsSwitchedOff()
    {
        var page = await site.BrowserOrSkip().NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        await page.GotoAsync(site.Address + "/");
        await Assertions.Expect(page.Locator("[data-testid=run]")).ToBeEnabledAsync(new() { Timeout = 30000 });
        await AssertMathematics(page);
        await page.Locator("[data-testid=equation]").ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "equation-on.png") });

        await page.Locator("input[data-testid=switch-nt], [data-testid=switch-nt] input").ClickAsync();
        await Assertions.Expect(page.Locator("[data-term=non-target]")).ToHaveClassAsync("rp-term-off");
        await AssertMathematics(page);
        await page.Locator("[data-testid=equation]").ScreenshotAsync(new() { Path = Path.Combine(SiteFixture.Artifacts, "equation-nt-off.png") });
    }

    static async Task AssertMathematics(IPage page)
    {
        var layout = await page.EvaluateAsync<Layout>(LayoutScript);
        Assert.Equal("http://www.w3.org/1998/Math/MathML", layout.Ns);
        Assert.True(layout.Lower, "the subscript does not sit lower than its base");
        Assert.True(layout.Smaller, "the subscript is not smaller than its base");
    }

    sealed class Layout
    {
        public string Ns { get; set; } = "";
        public bool Lower { get; set; }
        public bool Smaller { get; set; }
    }
}
