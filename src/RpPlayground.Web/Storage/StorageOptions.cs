using RpPlayground.Runs.Configuration;

namespace RpPlayground.Web.Storage;

/// <summary>Configuration section "Storage": where the site keeps uploaded images and shared runs.</summary>
public sealed record StorageOptions : RpPlayground.Runs.Configuration.IValidatedOptions
{
    /// <summary>"Sqlite" (the default: one file in <see cref="DataFolder"/>) or "Postgres" (every web node sees it; needs <see cref="Postgres"/>).</summary>
    public string Provider { get; init; } = "Sqlite";

    /// <summary>The PostgreSQL connection string (Npgsql's form: <c>Host=...;Port=...;Username=...;Database=...</c>) when <see cref="Provider"/> is Postgres.</summary>
    public string? Postgres { get; init; }

    /// <summary>Whether the storage is PostgreSQL.</summary>
    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The data folder (a relative path is taken from the folder holding samples/, as model paths are); created on first start.</summary>
    public string DataFolder { get; init; } = "data";

    /// <summary>Days an upload is kept unless a shared run uses it (default 7).</summary>
    public double UploadRetentionDays { get; init; } = 7;

    /// <summary>Minutes between clean-ups of expired uploads (default 60).</summary>
    public double CleanupIntervalMinutes { get; init; } = 60;

    /// <summary>The SQLite file under a base directory.</summary>
    public string DatabasePath(string baseDirectory) => Path.Combine(Path.GetFullPath(DataFolder, baseDirectory), "playground.db");

    public IEnumerable<string> Problems(string section)
    {
        if (!IsPostgres && !string.Equals(Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
            yield return $"{section}:Provider must be Sqlite or Postgres (got '{Provider}').";
        if (IsPostgres && string.IsNullOrWhiteSpace(Postgres)) yield return $"{section}:Postgres must hold a connection string when {section}:Provider is Postgres.";
        if (string.IsNullOrWhiteSpace(DataFolder)) yield return $"{section}:DataFolder must name a folder.";
        if (!double.IsFinite(UploadRetentionDays) || UploadRetentionDays <= 0) yield return $"{section}:UploadRetentionDays must be above 0 (got {UploadRetentionDays}).";
        if (!double.IsFinite(CleanupIntervalMinutes) || CleanupIntervalMinutes is < 0.01 or > 10_080) yield return $"{section}:CleanupIntervalMinutes must be between 0.01 and 10080 (got {CleanupIntervalMinutes}).";
    }
}
