namespace RpPlayground.Tests.Shared;

/// <summary>Where the checkout is (the folder holding RpPlayground.sln) and the read-only ../shared beside it; compiled into every test project.</summary>
public static class RepositoryFolder
{
    /// <summary>The repository root.</summary>
    public static string Path { get; } = Find();

    /// <summary>darknet-tiny's folder in ../shared, or null when this machine has none.</summary>
    public static string? DarknetTiny
    {
        get
        {
            var folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared", "models", "darknet-tiny"));
            return File.Exists(System.IO.Path.Combine(folder, "model.onnx")) ? folder : null;
        }
    }

    /// <summary>darknet-tiny's folder; skips the calling test, with the reason, when ../shared is absent.</summary>
    public static string DarknetTinyOrSkip()
    {
        var folder = DarknetTiny;
        if (folder is null) Assert.Skip("../shared/models/darknet-tiny is not beside this checkout; the darknet-tiny checks need it.");
        return folder!;
    }

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RpPlayground.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests must run inside the repository (no RpPlayground.sln above " + AppContext.BaseDirectory + ").");
    }
}
