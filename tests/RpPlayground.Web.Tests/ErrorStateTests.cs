using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Images;
using RpPlayground.Runs;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Components.Pages;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Tests;

/// <summary>Error states render their messages and change nothing.</summary>
public sealed class ErrorStateTests : MudTestContext
{
    readonly string folder = Path.Combine(Path.GetTempPath(), $"rp-bunit-{Guid.NewGuid():N}");
    readonly ImageStore store;

    public ErrorStateTests()
    {
        var database = new SqliteStorage(Path.Combine(folder, "playground.db"));
        var limits = new ImageLimits { MaxBytes = 100_000 };
        store = new ImageStore(database, new ImageDecoder(limits), TimeProvider.System);
        Services.AddSingleton(limits);
        Services.AddSingleton(store);
        Services.AddSingleton(new SharedRunStore(database));
        Services.AddSingleton(new PageRateLimits(new RateLimitOptions()));
        Services.AddScoped<RunClient>();
    }

    [Fact]
    public void ATruncatedUploadShowsWhyAndStoresNothing()
    {
        StoredImage? uploaded = null;
        var button = Render<UploadButton>(p => p.Add(b => b.Uploaded, (StoredImage s) => uploaded = s));
        var png = File.ReadAllBytes(Path.Combine(RepositoryFolder.Path, "samples", "world", "scene-0001.png"));

        button.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(png[..1000], "cut.png", contentType: "image/png"));
        button.WaitForAssertion(() => Assert.Contains("cut.png: The image is truncated or corrupt", button.Find("[data-testid=upload-error]").TextContent));
        Assert.Null(uploaded);
        Assert.Equal(0, store.Count());

        button.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[200_000], "big.png", contentType: "image/png"));
        button.WaitForAssertion(() => Assert.Contains("the limit is 0 MB", button.Find("[data-testid=upload-error]").TextContent.Replace("0.1 MB", "0 MB")));

        button.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(png, "scene.png", contentType: "image/png"));
        button.WaitForAssertion(() => Assert.NotNull(uploaded));
        Assert.Empty(button.FindAll("[data-testid=upload-error]"));
        Assert.Equal(1, store.Count());
    }

    [Fact]
    public void UploadsOverThePerMinuteLimitAreRefusedWithWhenToTryAgainAndNotStored()
    {
        Services.AddSingleton(new PageRateLimits(new RateLimitOptions { UploadsPerMinute = 2 }));
        var uploads = 0;
        var button = Render<UploadButton>(p => p.Add(b => b.Uploaded, (StoredImage _) => uploads++));
        var png = File.ReadAllBytes(Path.Combine(RepositoryFolder.Path, "samples", "world", "scene-0001.png"));
        var other = File.ReadAllBytes(Path.Combine(RepositoryFolder.Path, "samples", "world", "scene-0002.png"));

        button.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(png, "one.png", contentType: "image/png"));
        button.WaitForAssertion(() => Assert.Equal(1, uploads));
        button.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(png[..1000], "cut.png", contentType: "image/png"));
        button.WaitForAssertion(() => Assert.Contains("cut.png: The image is truncated", button.Find("[data-testid=upload-error]").TextContent));
        button.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(other, "two.png", contentType: "image/png"));

        // The refused upload counts too: the third in a minute is turned away before it is read.
        button.WaitForAssertion(() => Assert.Matches(@"two\.png: Too many requests from this tab \(at most 2 uploads a minute\); try again in \d+ s\.",
            button.Find("[data-testid=upload-error]").TextContent));
        Assert.Equal(1, uploads);
        Assert.Equal(1, store.Count());
    }

    [Fact]
    public void StartsOverThePerMinuteLimitAreRefusedForThatTabOnly()
    {
        using var limits = new PageRateLimits(new RateLimitOptions { RunStartsPerMinute = 2 });
        var (tab, other) = (new RunClient(limits), new RunClient(limits));
        tab.CountStart();
        tab.CountStart();

        var refused = Assert.Throws<TooManyRequestsException>(tab.CountStart);
        Assert.Matches(@"^Too many requests from this tab \(at most 2 starts a minute\); try again in \d+ s\.$", refused.Message);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Equal(429, UserFailure.StatusOf(refused));
        other.CountStart();  // another tab has its own allowance
    }

    [Fact]
    public void AnUnknownSharedRunSaysSo()
    {
        var page = Render<SharedRunPage>(p => p.Add(s => s.Id, "0123456789"));
        Assert.Contains("There is no shared run '0123456789'", page.Find("[data-testid=error]").TextContent);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
