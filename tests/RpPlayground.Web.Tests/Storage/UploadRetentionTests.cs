using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RpPlayground.Core.Images;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Tests.Storage;

/// <summary>Uploads expire after the retention time unless a shared run uses them; the clean-up runs on its own clock.</summary>
public sealed class UploadRetentionTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), $"rp-retention-{Guid.NewGuid():N}");
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
    readonly SqliteStorage database;
    readonly ImageStore store;

    public UploadRetentionTests()
    {
        database = new SqliteStorage(Path.Combine(folder, "playground.db"));
        store = new ImageStore(database, new ImageDecoder(new ImageLimits()), clock);
    }

    static byte[] Scene(int i) => File.ReadAllBytes(Path.Combine(RepositoryFolder.Path, "samples", "world", $"scene-000{i}.png"));

    [Fact]
    public async Task TheCleanUpDeletesExpiredUploadsAndKeepsThoseOfSharedRuns()
    {
        var kept = store.Add(Scene(1), TestContext.Current.CancellationToken);
        var expired = store.Add(Scene(2), TestContext.Current.CancellationToken);
        database.AddSharedRun(new SharedRunRow("s1", $$"""{"modelId":"world","sampleId":"{{kept.Id}}","target":2}""", "{}", clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromDays(6));
        var fresh = store.Add(Scene(3), TestContext.Current.CancellationToken);

        using var service = new UploadRetentionService(store, new StorageOptions { UploadRetentionDays = 7, CleanupIntervalMinutes = 60 }, clock, NullLogger<UploadRetentionService>.Instance);
        var cleanUps = new List<int>();
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        service.Cleaned += removed =>
        {
            lock (cleanUps) cleanUps.Add(removed);
            (cleanUps.Count == 1 ? first : second).TrySetResult();
        };
        await service.StartAsync(TestContext.Current.CancellationToken);
        await first.Task.WaitAsync(TestContext.Current.CancellationToken);  // the clean-up at start (on its own thread): nothing is 7 days old yet
        Assert.Equal(3, store.Count());

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));  // the timer fires: the first two are now over 7 days old
        await second.Task.WaitAsync(TestContext.Current.CancellationToken);
        lock (cleanUps) Assert.Equal([0, 1], cleanUps.Take(2));
        Assert.Equal(2, store.Count());
        Assert.True(store.Contains(kept.Id), "the shared run's upload was deleted");
        Assert.False(store.Contains(expired.Id), "the expired upload is still there");
        Assert.True(store.Contains(fresh.Id), "a one-day-old upload was deleted");
        Assert.Equal(2, store.PictureCount());  // its pixels went with it
        await service.StopAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
