using Microsoft.Data.Sqlite;
using RpPlayground.Core.Images;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Tests.Storage;

/// <summary>
/// What every storage provider must do, run against each (SQLite in a temporary file, PostgreSQL as a real server
/// from Debian's package): uploads stored once per content under random ids, expiry that spares shared runs' uploads,
/// shared runs read back newest first, and the same picture sent by many at once.
/// </summary>
public abstract class StorageContractTests
{
    static readonly DateTimeOffset Noon = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty storage of the provider under test.</summary>
    protected abstract IPlaygroundStorage NewStorage();

    static byte[] Scene(int i) => File.ReadAllBytes(Path.Combine(RepositoryFolder.Path, "samples", "world", $"scene-000{i}.png"));

    static ImageStore Images(IPlaygroundStorage storage, TimeProvider? clock = null) =>
        new(storage, new ImageDecoder(new ImageLimits()), clock ?? TimeProvider.System);

    [Fact]
    public void AnUploadIsReadBackByItsIdAndTheSamePictureIsStoredOnce()
    {
        var storage = NewStorage();
        var images = Images(storage);
        var first = images.Add(Scene(1), TestContext.Current.CancellationToken);
        var second = images.Add(Scene(1), TestContext.Current.CancellationToken);
        var other = images.Add(Scene(2), TestContext.Current.CancellationToken);

        Assert.NotEqual(first.Id, second.Id);
        Assert.True(images.Contains(first.Id));
        Assert.False(images.Contains("upload/0000000000000000"));
        Assert.False(images.Contains("world/scene-0001"));  // not an upload id: the storage is not asked
        Assert.Equal(images.Bytes(first.Id), images.Bytes(second.Id));
        Assert.NotEqual(images.Bytes(first.Id), images.Bytes(other.Id));
        using var decoded = images.Decode(other.Id)!;
        Assert.Equal((128, 128), (decoded.Width, decoded.Height));
        Assert.Equal(3, images.Count());
        Assert.Equal(2, images.PictureCount());
        Assert.Null(storage.UploadBytes("upload/ffffffffffffffff"));
    }

    [Fact]
    public void ExpiryDeletesOldUploadsButNotThoseOfSharedRunsAndThenTheirOrphanedPictures()
    {
        var storage = NewStorage();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Noon);
        var images = Images(storage, clock);
        var kept = images.Add(Scene(1), TestContext.Current.CancellationToken);
        var expired = images.Add(Scene(2), TestContext.Current.CancellationToken);
        storage.AddSharedRun(new SharedRunRow("s1", $$"""{"modelId":"world","sampleId":"{{kept.Id}}","target":2}""", "{}", Noon));
        storage.AddSharedRun(new SharedRunRow("s2", """{"modelId":"world","sampleId":"world/scene-0003","target":1}""", "{}", Noon));
        clock.Advance(TimeSpan.FromDays(6));
        var fresh = images.Add(Scene(3), TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        Assert.Equal(1, images.RemoveOlderThan(TimeSpan.FromDays(7)));
        Assert.True(images.Contains(kept.Id), "the shared run's upload was deleted");
        Assert.False(images.Contains(expired.Id), "the expired upload is still there");
        Assert.True(images.Contains(fresh.Id), "a one-day-old upload was deleted");
        Assert.Equal(2, images.PictureCount());
        Assert.Equal(0, images.RemoveOlderThan(TimeSpan.FromDays(7)));
    }

    [Fact]
    public void SharedRunsAreFoundByIdAndListedNewestFirst()
    {
        var storage = NewStorage();
        for (var i = 0; i < 4; i++)
            storage.AddSharedRun(new SharedRunRow($"run{i}", $$"""{"modelId":"world","sampleId":"world/scene-0001","target":{{i}}}""", $"frame {i}", Noon.AddMinutes(i)));

        var found = storage.FindSharedRun("run2")!;
        Assert.Equal("frame 2", found.Frame);
        Assert.Equal(Noon.AddMinutes(2), found.Created);
        using (var definition = System.Text.Json.JsonDocument.Parse(found.Definition))
            Assert.Equal(2, definition.RootElement.GetProperty("target").GetInt32());
        Assert.Null(storage.FindSharedRun("nothing"));
        Assert.Equal(["run3", "run2", "run1"], storage.RecentSharedRuns(3).Select(r => r.Id));
        Assert.Throws<InvalidOperationException>(() => Unique(storage));
    }

    // A second shared run with a taken id is refused by the storage (ids are random; a clash must not overwrite).
    static void Unique(IPlaygroundStorage storage)
    {
        try
        {
            storage.AddSharedRun(new SharedRunRow("run1", "{}", "again", Noon));
        }
        catch (Exception e) when (e is SqliteException or Npgsql.PostgresException)
        {
            throw new InvalidOperationException("refused", e);
        }
    }

    [Fact]
    public async Task ManyClientsUploadingTheSamePictureAtOnceEachGetAnUpload()
    {
        var storage = NewStorage();
        var images = Images(storage);
        var png = Scene(4);
        var ids = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => images.Add(png).Id, TestContext.Current.CancellationToken)));
        Assert.Equal(16, ids.Distinct().Count());
        Assert.Equal(16, images.Count());
        Assert.Equal(1, images.PictureCount());
    }
}

/// <summary>The contract on SQLite, the default provider.</summary>
public sealed class SqliteStorageTests : StorageContractTests, IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), $"rp-storage-{Guid.NewGuid():N}");

    protected override IPlaygroundStorage NewStorage() => new SqliteStorage(Path.Combine(folder, $"{Guid.NewGuid():N}.db"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

/// <summary>The contract on PostgreSQL: a real server for the class, a new database for each test.</summary>
public sealed class PostgresStorageTests(PostgresServer server) : StorageContractTests, IClassFixture<PostgresServer>, IDisposable
{
    readonly List<PostgresStorage> opened = [];

    protected override IPlaygroundStorage NewStorage()
    {
        Assert.SkipWhen(server.Problem is not null, server.Problem ?? "");
        var storage = new PostgresStorage(server.ConnectionFor(Guid.NewGuid().ToString("N")));
        opened.Add(storage);
        return storage;
    }

    [Fact]
    public void NodesStartingTogetherCreateTheSchemaOnce()
    {
        Assert.SkipWhen(server.Problem is not null, server.Problem ?? "");
        var connection = server.ConnectionFor("together");
        var nodes = Enumerable.Range(0, 4).AsParallel().Select(_ => new PostgresStorage(connection)).ToArray();
        nodes[0].AddUpload("upload/0123456789abcdef", "h", [1, 2, 3], 1, 1, DateTimeOffset.UtcNow);
        Assert.All(nodes, n => Assert.True(n.HasUpload("upload/0123456789abcdef")));
        opened.AddRange(nodes);
    }

    public void Dispose()
    {
        foreach (var storage in opened) storage.Dispose();
    }
}
