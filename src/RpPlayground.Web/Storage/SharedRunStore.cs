using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using RpPlayground.Core.Methods;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Storage;

/// <summary>Shared runs in the database: saved from a finished run's definition and last frame, read back by id after any restart.</summary>
public sealed class SharedRunStore(PlaygroundDatabase database)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Stores the run as it ended; throws <see cref="InvalidOperationException"/> while it has no frame.</summary>
    public SharedRun Save(RunHandle run)
    {
        var frame = run.LastFrame ?? throw new InvalidOperationException("The run has no result to share yet.");
        var shared = new SharedRun(Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant(), run.Request with { Schedule = run.Schedule }, frame, DateTimeOffset.UtcNow);
        database.Execute("INSERT INTO shared_runs (id, definition, frame, created) VALUES (@id, @definition, @frame, @created)",
            ("@id", shared.Id), ("@definition", JsonSerializer.Serialize(shared.Definition, Json)), ("@frame", JsonSerializer.Serialize(frame, Json)),
            ("@created", shared.Created.ToString("O")));
        return shared;
    }

    const string Columns = "SELECT id, definition, frame, created FROM shared_runs";

    /// <summary>The shared run with this id, or null.</summary>
    public SharedRun? Find(string id) => database.Query($"{Columns} WHERE id = @id", Read, ("@id", id)).FirstOrDefault();

    /// <summary>The most recently shared runs, newest first.</summary>
    public IReadOnlyList<SharedRun> Recent(int count) => database.Query($"{Columns} ORDER BY created DESC LIMIT @count", Read, ("@count", count));

    static SharedRun Read(Microsoft.Data.Sqlite.SqliteDataReader row) => new(
        row.GetString(0), JsonSerializer.Deserialize<RunRequest>(row.GetString(1), Json)!, JsonSerializer.Deserialize<Frame>(row.GetString(2), Json)!,
        DateTimeOffset.Parse(row.GetString(3), System.Globalization.CultureInfo.InvariantCulture));
}
