using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RpPlayground.Web.Storage;

/// <summary>
/// The default storage: one SQLite file in the data folder. Created with its tables on first use, and a data folder of
/// an earlier version is moved to the current tables; each call opens its own connection (SQLite pools them). Times
/// are stored as round-trip UTC text, which sorts as time does.
/// </summary>
public sealed class SqliteStorage : IPlaygroundStorage
{
    readonly string connectionString;

    public SqliteStorage(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        using var connection = Open();
        Sql.Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS image_blobs (
                hash TEXT PRIMARY KEY, bytes BLOB NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS uploads (
                id TEXT PRIMARY KEY, hash TEXT NOT NULL REFERENCES image_blobs (hash), created TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS uploads_by_hash ON uploads (hash);
            CREATE TABLE IF NOT EXISTS shared_runs (
                id TEXT PRIMARY KEY, definition TEXT NOT NULL, frame TEXT NOT NULL, created TEXT NOT NULL);
            """);
        // Before uploads had random ids, one table held them keyed by their content's hash: keep their ids and bytes.
        if (Sql.Count(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'images'") > 0)
            Sql.Execute(connection, """
                BEGIN;
                INSERT OR IGNORE INTO image_blobs (hash, bytes, width, height) SELECT id, bytes, width, height FROM images;
                INSERT OR IGNORE INTO uploads (id, hash, created) SELECT id, id, created FROM images;
                DROP TABLE images;
                COMMIT;
                """);
    }

    public string Provider => "Sqlite";

    public bool Answers()
    {
        try
        {
            using var connection = Open();
            return Sql.Count(connection, "SELECT 1") == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    public void AddUpload(string id, string hash, byte[] png, int width, int height, DateTimeOffset created)
    {
        using var connection = Open();
        Sql.Execute(connection, """
            INSERT OR IGNORE INTO image_blobs (hash, bytes, width, height) VALUES (@hash, @bytes, @width, @height);
            INSERT INTO uploads (id, hash, created) VALUES (@id, @hash, @created);
            """,
            ("@hash", hash), ("@bytes", png), ("@width", width), ("@height", height), ("@id", id), ("@created", Text(created)));
    }

    public bool HasUpload(string id)
    {
        using var connection = Open();
        return Sql.Count(connection, "SELECT COUNT(*) FROM uploads WHERE id = @id", ("@id", id)) > 0;
    }

    public byte[]? UploadBytes(string id) =>
        Query("SELECT b.bytes FROM uploads u JOIN image_blobs b ON b.hash = u.hash WHERE u.id = @id", r => (byte[])r["bytes"], ("@id", id)).FirstOrDefault();

    public long UploadCount()
    {
        using var connection = Open();
        return Sql.Count(connection, "SELECT COUNT(*) FROM uploads");
    }

    public long PictureCount()
    {
        using var connection = Open();
        return Sql.Count(connection, "SELECT COUNT(*) FROM image_blobs");
    }

    public int RemoveUploadsBefore(DateTimeOffset cutoff)
    {
        using var connection = Open();
        var removed = Sql.Execute(connection, """
            DELETE FROM uploads WHERE created < @cutoff
                AND id NOT IN (SELECT json_extract(definition, '$.sampleId') FROM shared_runs WHERE json_extract(definition, '$.sampleId') IS NOT NULL)
            """, ("@cutoff", Text(cutoff)));
        Sql.Execute(connection, "DELETE FROM image_blobs WHERE hash NOT IN (SELECT hash FROM uploads)");
        return removed;
    }

    public void AddSharedRun(SharedRunRow run)
    {
        using var connection = Open();
        Sql.Execute(connection, "INSERT INTO shared_runs (id, definition, frame, created) VALUES (@id, @definition, @frame, @created)",
            ("@id", run.Id), ("@definition", run.Definition), ("@frame", run.Frame), ("@created", Text(run.Created)));
    }

    const string SharedColumns = "SELECT id, definition, frame, created FROM shared_runs";

    public SharedRunRow? FindSharedRun(string id) => Query($"{SharedColumns} WHERE id = @id", ReadShared, ("@id", id)).FirstOrDefault();

    public IReadOnlyList<SharedRunRow> RecentSharedRuns(int count) => Query($"{SharedColumns} ORDER BY created DESC LIMIT @count", ReadShared, ("@count", count));

    static SharedRunRow ReadShared(System.Data.Common.DbDataReader row) =>
        new(row.GetString(0), row.GetString(1), row.GetString(2), DateTimeOffset.Parse(row.GetString(3), CultureInfo.InvariantCulture));

    static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    List<T> Query<T>(string sql, Func<System.Data.Common.DbDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        return Sql.Query(connection, sql, read, parameters);
    }


}
