using Microsoft.Data.Sqlite;
using RpPlayground.Core.Images;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Tests.Storage;

/// <summary>A data folder written by the version that keyed uploads by their content's hash still serves its uploads.</summary>
public sealed class DatabaseMigrationTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), $"rp-migrate-{Guid.NewGuid():N}");

    [Fact]
    public void UploadsOfTheEarlierSchemaKeepTheirIdsAndBytes()
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "playground.db");
        var png = File.ReadAllBytes(Path.Combine(RepositoryFolder.Path, "samples", "world", "scene-0001.png"));
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE images (id TEXT PRIMARY KEY, bytes BLOB NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL, created TEXT NOT NULL);
                INSERT INTO images VALUES ('upload/00112233aabbccdd', @bytes, 128, 128, '2026-11-01T00:00:00Z');
                """;
            command.Parameters.AddWithValue("@bytes", png);
            command.ExecuteNonQuery();
        }

        var store = new ImageStore(new SqliteStorage(path), new ImageDecoder(new ImageLimits()), TimeProvider.System);
        Assert.True(store.Contains("upload/00112233aabbccdd"));
        Assert.Equal(png, store.Bytes("upload/00112233aabbccdd"));
        Assert.Equal(1, store.Count());
        Assert.Equal(1, new ImageStore(new SqliteStorage(path), new ImageDecoder(new ImageLimits()), TimeProvider.System).Count());  // a second start migrates nothing twice
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
