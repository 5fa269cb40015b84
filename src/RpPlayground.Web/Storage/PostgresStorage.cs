using Npgsql;

namespace RpPlayground.Web.Storage;

/// <summary>
/// Storage on PostgreSQL (<c>Storage:Provider = Postgres</c>), which every web node of a deployment sees. The schema
/// is created on start if it is missing (idempotent, so nodes starting together are safe: they take an advisory lock
/// first). Npgsql pools connections; each call takes one for its statement. A call made while the server does not
/// answer (down, restarting, unreachable) throws <see cref="StorageUnavailableException"/>, which the site answers as
/// busy; the next call after the server is back works again (the pool drops broken connections).
/// </summary>
public sealed class PostgresStorage : IPlaygroundStorage, IDisposable
{
    readonly NpgsqlDataSource source;

    public PostgresStorage(string connectionString)
    {
        source = NpgsqlDataSource.Create(connectionString);
        using var connection = source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Sql.Execute(connection, "SELECT pg_advisory_xact_lock(7391)");  // one node creates the schema at a time
        Sql.Execute(connection, """
            CREATE TABLE IF NOT EXISTS image_blobs (
                hash TEXT PRIMARY KEY, bytes BYTEA NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS uploads (
                id TEXT PRIMARY KEY, hash TEXT NOT NULL REFERENCES image_blobs (hash), created TIMESTAMPTZ NOT NULL);
            CREATE INDEX IF NOT EXISTS uploads_by_hash ON uploads (hash);
            CREATE TABLE IF NOT EXISTS shared_runs (
                id TEXT PRIMARY KEY, definition JSONB NOT NULL, frame TEXT NOT NULL, created TIMESTAMPTZ NOT NULL);
            CREATE INDEX IF NOT EXISTS shared_runs_by_created ON shared_runs (created DESC);
            """);
        transaction.Commit();
    }

    public string Provider => "Postgres";

    public bool Answers()
    {
        try
        {
            return Use(connection => Sql.Count(connection, "SELECT 1")) == 1;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }

    public void AddUpload(string id, string hash, byte[] png, int width, int height, DateTimeOffset created) => Use(connection =>
    {
        using var transaction = connection.BeginTransaction();
        Sql.Execute(connection, "INSERT INTO image_blobs (hash, bytes, width, height) VALUES (@hash, @bytes, @width, @height) ON CONFLICT (hash) DO NOTHING",
            ("@hash", hash), ("@bytes", png), ("@width", width), ("@height", height));
        Sql.Execute(connection, "INSERT INTO uploads (id, hash, created) VALUES (@id, @hash, @created)", ("@id", id), ("@hash", hash), ("@created", created.ToUniversalTime()));
        transaction.Commit();
        return 0;
    });

    public bool HasUpload(string id) => Count("SELECT COUNT(*) FROM uploads WHERE id = @id", ("@id", id)) > 0;

    public byte[]? UploadBytes(string id) =>
        Query("SELECT b.bytes FROM uploads u JOIN image_blobs b ON b.hash = u.hash WHERE u.id = @id", r => (byte[])r[0], ("@id", id)).FirstOrDefault();

    public long UploadCount() => Count("SELECT COUNT(*) FROM uploads");

    public long PictureCount() => Count("SELECT COUNT(*) FROM image_blobs");

    public int RemoveUploadsBefore(DateTimeOffset cutoff) => Use(connection =>
    {
        using var transaction = connection.BeginTransaction();
        var removed = Sql.Execute(connection, """
            DELETE FROM uploads WHERE created < @cutoff
                AND id NOT IN (SELECT definition->>'sampleId' FROM shared_runs WHERE definition->>'sampleId' IS NOT NULL)
            """, ("@cutoff", cutoff.ToUniversalTime()));
        Sql.Execute(connection, "DELETE FROM image_blobs WHERE hash NOT IN (SELECT hash FROM uploads)");
        transaction.Commit();
        return removed;
    });

    public void AddSharedRun(SharedRunRow run) => Use(connection => Sql.Execute(connection,
        "INSERT INTO shared_runs (id, definition, frame, created) VALUES (@id, @definition::jsonb, @frame, @created)",
        ("@id", run.Id), ("@definition", run.Definition), ("@frame", run.Frame), ("@created", run.Created.ToUniversalTime())));

    const string SharedColumns = "SELECT id, definition::text, frame, created FROM shared_runs";

    public SharedRunRow? FindSharedRun(string id) => Query($"{SharedColumns} WHERE id = @id", ReadShared, ("@id", id)).FirstOrDefault();

    public IReadOnlyList<SharedRunRow> RecentSharedRuns(int count) => Query($"{SharedColumns} ORDER BY created DESC LIMIT @count", ReadShared, ("@count", count));

    static SharedRunRow ReadShared(System.Data.Common.DbDataReader row) =>
        new(row.GetString(0), row.GetString(1), row.GetString(2), new DateTimeOffset(row.GetDateTime(3), TimeSpan.Zero));

    long Count(string sql, params (string Name, object Value)[] parameters) => Use(connection => Sql.Count(connection, sql, parameters));

    List<T> Query<T>(string sql, Func<System.Data.Common.DbDataReader, T> read, params (string Name, object Value)[] parameters) =>
        Use(connection => Sql.Query(connection, sql, read, parameters));

    // Every call goes through here: a connection from the pool for the work, and the server's absence said plainly.
    T Use<T>(Func<NpgsqlConnection, T> work)
    {
        try
        {
            using var connection = source.OpenConnection();
            return work(connection);
        }
        catch (NpgsqlException e) when (e.IsTransient || e.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException)
        {
            throw new StorageUnavailableException("The database (PostgreSQL) is not answering right now; try again in a moment.", e);
        }
    }


    public void Dispose() => source.Dispose();
}
