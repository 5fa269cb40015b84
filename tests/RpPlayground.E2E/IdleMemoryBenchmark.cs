using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using RpPlayground.Tests.Shared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.E2E;

/// <summary>
/// A soak of the work that is no job, against the real site process: uploads of 25-megapixel pictures, then 100
/// circuits (browser pages) opened and closed. Prints the site's resident memory (from <c>/healthz</c>) at rest, after
/// each phase, and once the site has been idle long enough to give memory back; asserts that every upload was stored
/// and that the site comes back to within 100 MB of rest. A benchmark: explicit, never in the default run:
/// <c>dotnet test tests/RpPlayground.E2E --filter Category=Benchmark -- xUnit.Explicit=only</c>.
/// </summary>
[Collection(SiteCollection.Name)]
[Trait("Category", "Benchmark")]
public sealed class IdleMemoryBenchmark(SiteFixture site)
{
    const long Return = 100L << 20;

    [Fact(Explicit = true)]
    public async Task TwentyFiveMegapixelUploadsAndAHundredCircuitsGiveTheirMemoryBack()
    {
        var browser = site.BrowserOrSkip();
        using var http = new HttpClient { BaseAddress = new Uri(site.Address), Timeout = TimeSpan.FromMinutes(5) };
        await OpenAndClose(browser, 2);  // warm: the pages, the circuit machinery and the models' first use
        var rest = await Settled(http);
        Report($"at rest: {Mb(rest)}");

        var photo = LargeJpeg();
        for (var i = 0; i < 8; i++)  // each decoded, checked and encoded anew (the pixels are stored once, each upload its own id)
        {
            var response = await http.PostAsync("/api/images", new ByteArrayContent(photo), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        Report($"after 8 uploads of a 5000x5000 JPEG ({photo.Length / 1024} KB): {Mb(await Resident(http))}, settled {Mb(await Settled(http))}");

        await OpenAndClose(browser, 100);
        Report($"after 100 circuits opened and closed: {Mb(await Resident(http))}");
        var after = await Settled(http);
        Report($"idle again: {Mb(after)} ({Mb(after - rest)} above rest)");
        Assert.True(after - rest <= Return, $"{Mb(after - rest)} above rest (at most {Mb(Return)})");
    }

    // Each page is the playground with its circuit started, then closed (the browser tells the site the circuit ended).
    async Task OpenAndClose(IBrowser browser, int pages)
    {
        for (var i = 0; i < pages; i++)
        {
            var page = await browser.NewPageAsync();
            await page.GotoAsync(site.Address + "/");
            await SiteFixture.InteractiveAsync(page);
            await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });
        }
    }

    // The site's resident memory once it has been idle through two trims (IdleMemoryTrim looks every 20 s).
    static async Task<long> Settled(HttpClient http)
    {
        await Task.Delay(TimeSpan.FromSeconds(45), TestContext.Current.CancellationToken);
        return await Resident(http);
    }

    static async Task<long> Resident(HttpClient http)
    {
        using var health = JsonDocument.Parse(await http.GetStringAsync("/healthz", TestContext.Current.CancellationToken));
        return health.RootElement.GetProperty("memory").GetProperty("resident").GetInt64();
    }

    // A 5000x5000 photo-like JPEG (smooth shading and fine texture), a few megabytes: 25 megapixels to decode.
    static byte[] LargeJpeg()
    {
        using var image = new Image<Rgb24>(5000, 5000);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                    row[x] = new Rgb24((byte)(x / 20), (byte)(y / 20), (byte)((x * 7 + y * 13) % 64 + 96));
            }
        });
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 80 });
        return stream.ToArray();
    }

    static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        File.AppendAllText(Path.Combine(SiteFixture.Artifacts, "idle-memory.txt"), line + Environment.NewLine);
    }

    static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MB";
}
