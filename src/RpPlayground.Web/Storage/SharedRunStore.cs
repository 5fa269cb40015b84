using System.Security.Cryptography;
using RpPlayground.Core.Methods;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Storage;

/// <summary>Shared runs in the database: saved from a finished run's definition and last frame, read back by id after any restart.</summary>
public sealed class SharedRunStore(IPlaygroundStorage storage)
{
    /// <summary>Stores the run as it ended; throws <see cref="InvalidOperationException"/> while it has no frame.</summary>
    public SharedRun Save(RunHandle run)
    {
        var frame = run.LastFrame ?? throw new InvalidOperationException("The run has no result to share yet.");
        var shared = new SharedRun(Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant(), run.Request with { Schedule = run.Schedule }, frame, DateTimeOffset.UtcNow);
        storage.AddSharedRun(new SharedRunRow(shared.Id, RunJson.Write(shared.Definition), RunJson.Write(frame), shared.Created));
        return shared;
    }

    /// <summary>The shared run with this id, or null.</summary>
    public SharedRun? Find(string id) => storage.FindSharedRun(id) is { } row ? Read(row) : null;

    /// <summary>The most recently shared runs, newest first.</summary>
    public IReadOnlyList<SharedRun> Recent(int count) => storage.RecentSharedRuns(count).Select(Read).ToArray();

    static SharedRun Read(SharedRunRow row) =>
        new(row.Id, RunJson.Read<RunRequest>(row.Definition), RunJson.Read<Frame>(row.Frame), row.Created);
}
