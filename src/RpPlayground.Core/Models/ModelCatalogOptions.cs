namespace RpPlayground.Core.Models;

/// <summary>The configuration section "Models": the declared models and the folder their relative paths start from.</summary>
public sealed record ModelCatalogOptions
{
    /// <summary>Folder that relative model paths are resolved against; empty means the project folder (see <see cref="ResolveBaseDirectory"/>).</summary>
    public string BaseDirectory { get; init; } = "";

    /// <summary>The id of the model pages open with; the first available model when empty or unavailable.</summary>
    public string Default { get; init; } = "";

    /// <summary>The declared models, in the order they are listed.</summary>
    public List<ModelSpec> Declared { get; init; } = [];

    /// <summary>
    /// <see cref="BaseDirectory"/> when set; else the nearest folder holding <c>samples/</c>, looking up from the
    /// working directory and then from the program's own folder (a published site carries <c>samples/</c> with it);
    /// else the working directory.
    /// </summary>
    public string ResolveBaseDirectory()
    {
        if (!string.IsNullOrWhiteSpace(BaseDirectory)) return Path.GetFullPath(BaseDirectory);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "samples")) && File.Exists(Path.Combine(dir.FullName, "samples", "photos", "ATTRIBUTION.md")))
                    return dir.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
