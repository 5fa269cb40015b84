namespace RpPlayground.Web.Storage;

/// <summary>
/// Where the site keeps what must last: uploaded pictures (stored once per content, keyed by a hash that never leaves
/// the storage, with a random id per upload) and shared runs. Two providers answer it the same way: SQLite, one file
/// beside the site (the default), and PostgreSQL, which every web node of a deployment sees. The storage tests run
/// against both. Each call is its own transaction, and every provider is safe to call from many threads.
/// </summary>
public interface IPlaygroundStorage
{
    /// <summary>The provider's name, for the health answer ("Sqlite", "Postgres").</summary>
    string Provider { get; }

    /// <summary>Whether the database answers now (for the health answer); never throws.</summary>
    bool Answers();

    /// <summary>Stores an upload: its picture (once per <paramref name="hash"/>) and the upload's own row.</summary>
    void AddUpload(string id, string hash, byte[] png, int width, int height, DateTimeOffset created);

    /// <summary>Whether an upload with this id is stored.</summary>
    bool HasUpload(string id);

    /// <summary>An upload's stored PNG, or null.</summary>
    byte[]? UploadBytes(string id);

    /// <summary>How many uploads are stored.</summary>
    long UploadCount();

    /// <summary>How many distinct pictures are stored.</summary>
    long PictureCount();

    /// <summary>Deletes the uploads made before <paramref name="cutoff"/> that no shared run uses, then every picture no upload refers to; returns how many uploads went.</summary>
    int RemoveUploadsBefore(DateTimeOffset cutoff);

    /// <summary>Stores a shared run: its definition and last frame as JSON (the definition holds <c>sampleId</c>, which keeps its upload).</summary>
    void AddSharedRun(SharedRunRow run);

    /// <summary>The shared run with this id, or null.</summary>
    SharedRunRow? FindSharedRun(string id);

    /// <summary>The most recently shared runs, newest first.</summary>
    IReadOnlyList<SharedRunRow> RecentSharedRuns(int count);
}

/// <summary>A shared run as stored: its definition and its last frame as JSON.</summary>
public sealed record SharedRunRow(string Id, string Definition, string Frame, DateTimeOffset Created);
