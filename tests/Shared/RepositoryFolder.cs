namespace RpPlayground.Tests.Shared;

/// <summary>Where the checkout is (the folder holding RpPlayground.sln) and the models it ships; compiled into every test project.</summary>
public static class RepositoryFolder
{
    /// <summary>The repository root.</summary>
    public static string Path { get; } = Find();

    /// <summary>darknet-tiny's folder, shipped under samples/models/darknet-tiny.</summary>
    public static string DarknetTiny => System.IO.Path.Combine(Path, "samples", "models", "darknet-tiny");

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RpPlayground.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests must run inside the repository (no RpPlayground.sln above " + AppContext.BaseDirectory + ").");
    }
}
