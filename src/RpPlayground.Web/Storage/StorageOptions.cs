namespace RpPlayground.Web.Storage;

/// <summary>Configuration section "Storage": where the site keeps uploaded images and shared runs.</summary>
public sealed record StorageOptions
{
    /// <summary>The data folder (a relative path is taken from the folder holding samples/, as model paths are); created on first start.</summary>
    public string DataFolder { get; init; } = "data";

    /// <summary>The SQLite file under a base directory.</summary>
    public string DatabasePath(string baseDirectory) => Path.Combine(Path.GetFullPath(DataFolder, baseDirectory), "playground.db");
}
