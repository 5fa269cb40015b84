using Microsoft.Data.Sqlite;

namespace RpPlayground.Web.Storage;

/// <summary>
/// The site's one SQLite file: uploaded images (each upload a random id; the pixels stored once per content, keyed by
/// their SHA-256, which is never shown) and shared runs. Created with its tables on first use, and a data folder of an
/// earlier version is moved to the current tables; each call opens its own connection (SQLite pools them), so it is
/// thread-safe.
/// </summary>
public sealed class PlaygroundDatabase
{
    readonly string connectionString;

    public PlaygroundDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        using var connection = Open();
        Execute(connection, """
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
        if (Query(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'images'") > 0)
            Execute(connection, """
                BEGIN;
                INSERT OR IGNORE INTO image_blobs (hash, bytes, width, height) SELECT id, bytes, width, height FROM images;
                INSERT OR IGNORE INTO uploads (id, hash, created) SELECT id, id, created FROM images;
                DROP TABLE images;
                COMMIT;
                """);
    }

    /// <summary>An open connection; the caller disposes it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs one statement with named parameters (@name) and returns the rows it changed.</summary>
    public int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        return Execute(connection, sql, parameters);
    }

    /// <summary>Reads the rows of a query, each through <paramref name="read"/>.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }

    static int Query(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql, []);
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read()) rows++;
        return rows;
    }

    static int Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
