using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.Playwright;
using RpPlayground.Tests.Shared;

namespace RpPlayground.E2E;

/// <summary>The real site on a free loopback port, and a headless Debian Chromium driven by Playwright.</summary>
public sealed class SiteFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    Process? site;
    IPlaywright? playwright;

    public string Address { get; private set; } = "";

    public IBrowser? Browser { get; private set; }

    /// <summary>Where screenshots go (kept as test artifacts).</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(RepositoryFolder.Path, "artifacts", "e2e")).FullName;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath)) return;
        var port = FreePort();
        Address = $"http://127.0.0.1:{port}";
        var program = typeof(SiteFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WebProgram").Value!;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryFolder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.GetFullPath(program));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Address);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";  // what the README's dotnet run gives
        start.Environment["Storage__DataFolder"] = dataFolder;
        // The tests wait on states, not on speed: a run's time limit must not end EP's 800 steps on a machine at load 17
        // (it did, at 300 s, in a .ci/run beside two CPU hogs). The limit itself is tested in the Web tests.
        start.Environment["Runs__TimeLimitSeconds"] = "3600";
        site = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(Artifacts, "site.log")) { AutoFlush = true };
        site.OutputDataReceived += (_, e) => { lock (log) log.WriteLine(e.Data); };
        site.ErrorDataReceived += (_, e) => { lock (log) log.WriteLine(e.Data); };
        site.BeginOutputReadLine();
        site.BeginErrorReadLine();
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync($"{Address}/healthz")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !site.HasExited)
            {
                await Task.Delay(250);
            }
        }
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Skips the calling test, with the reason, where Chromium is not installed.</summary>
    public IBrowser BrowserOrSkip()
    {
        if (Browser is null) Assert.Skip($"{ChromiumPath} is not installed (apt-get install chromium); .ci/run installs it.");
        return Browser!;
    }

    readonly string dataFolder = Path.Combine(Path.GetTempPath(), $"rp-e2e-data-{Guid.NewGuid():N}");

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (site is { HasExited: false })
        {
            site.Kill(entireProcessTree: true);
            await site.WaitForExitAsync();
        }
        site?.Dispose();
        if (Directory.Exists(dataFolder)) Directory.Delete(dataFolder, recursive: true);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
