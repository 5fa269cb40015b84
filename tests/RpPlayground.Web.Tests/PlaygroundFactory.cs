using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RpPlayground.Web.Tests;

/// <summary>The real host with its data folder (SQLite file) in a folder of the test's own, deleted afterwards unless the test keeps it for another host.</summary>
public sealed class PlaygroundFactory : WebApplicationFactory<Program>
{
    readonly bool ownsFolder;

    public PlaygroundFactory() : this(Path.Combine(Path.GetTempPath(), $"rp-data-{Guid.NewGuid():N}"), ownsFolder: true)
    {
    }

    /// <summary>A host on <paramref name="dataFolder"/>; with <paramref name="ownsFolder"/> false the folder outlives it (restart tests).</summary>
    public static PlaygroundFactory On(string dataFolder, bool ownsFolder) => new(dataFolder, ownsFolder);

    PlaygroundFactory(string dataFolder, bool ownsFolder)
    {
        DataFolder = dataFolder;
        this.ownsFolder = ownsFolder;
    }

    public string DataFolder { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Storage:DataFolder", DataFolder);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsFolder && Directory.Exists(DataFolder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
