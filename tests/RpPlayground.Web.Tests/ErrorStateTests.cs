using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Images;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Components.Pages;
using RpPlayground.Web.Components.Playground;
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
