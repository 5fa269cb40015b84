using Microsoft.Playwright;
using RpPlayground.Tests.Shared;

namespace RpPlayground.E2E;

/// <summary>The real site on a free loopback port, and a headless Debian Chromium driven by Playwright.</summary>
public sealed class SiteFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    Deployment.ProgramProcess? site;
    IPlaywright? playwright;

    public string Address { get; private set; } = "";

    public IBrowser? Browser { get; private set; }

    /// <summary>Where screenshots go (kept as test artifacts).</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(RepositoryFolder.Path, "artifacts", "e2e")).FullName;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) return;
        Address = $"http://127.0.0.1:{LocalServices.FreePort()}";
        site = await Deployment.ProgramProcess.SiteAsync("site", Address, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",  // what the README's dotnet run gives
            ["Storage__DataFolder"] = dataFolder,
            // The tests wait on states, not on speed: a run's time limit must not end EP's 800 steps on a machine at load 17
            // (it did, at 300 s, in a .ci/run beside two CPU hogs). The limit itself is tested in the Web tests.
            ["Runs__TimeLimitSeconds"] = "3600",
        });
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(LaunchOptions);
    }

    /// <summary>Headless Debian Chromium, as root, with none of its calls home (this machine's network is closed).</summary>
    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ChromiumPath, Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    };

    /// <summary>Skips the calling test, with the reason, where Chromium is not installed.</summary>
    public IBrowser BrowserOrSkip()
    {
        if (Browser is null) Assert.Skip($"{ChromiumPath} is not installed (apt-get install chromium); .ci/run installs it.");
        return Browser!;
    }

    /// <summary>
    /// Waits until the page's circuit answers (the layout's data-interactive). Until then the page is the prerendered HTML:
    /// a click does nothing, and a node killed now leaves a page that never started its circuit.
    /// </summary>
    public static Task InteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1, new() { Timeout = 120000 });

    /// <summary>
    /// Whether the site runs on a machine like the one a gallery example was recorded on (the processor its
    /// <c>/healthz</c> engine names), where a live run of the example must end where its recording does.
    /// </summary>
    public async Task<bool> RunsOnTheMachineThatRecorded(string example)
    {
        using var zip = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(RepositoryFolder.Path, "samples", "gallery", $"{example}.json.gz")), System.IO.Compression.CompressionMode.Decompress);
        using var recording = await System.Text.Json.JsonDocument.ParseAsync(zip);
        using var http = new HttpClient { BaseAddress = new Uri(Address) };
        using var health = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/healthz"));
        return recording.RootElement.TryGetProperty("machine", out var machine)
            && health.RootElement.GetProperty("engine").GetString()!.EndsWith($"processor {machine.GetString()}", StringComparison.Ordinal);
    }

    readonly string dataFolder = Path.Combine(Path.GetTempPath(), $"rp-e2e-data-{Guid.NewGuid():N}");

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        site?.Dispose();
        if (Directory.Exists(dataFolder)) Directory.Delete(dataFolder, recursive: true);
    }

}
