using Microsoft.Data.Sqlite;

namespace RpPlayground.Web.Storage;

/// <summary>
/// The site's one SQLite file: uploaded images (stored once, keyed by the SHA-256 of their bytes) and shared runs.
/// Created with its tables on first use; each call opens its own connection (SQLite pools them), so it is thread-safe.
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
            CREATE TABLE IF NOT EXISTS images (
                id TEXT PRIMARY KEY, bytes BLOB NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS shared_runs (
                id TEXT PRIMARY KEY, definition TEXT NOT NULL, frame TEXT NOT NULL, created TEXT NOT NULL);
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
