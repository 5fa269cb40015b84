using System.Reflection;

namespace RpPlayground.Core.Tests.Support;

/// <summary>Where the repository, its samples, and the read-only ../shared folder are.</summary>
public static class TestPaths
{
    /// <summary>The repository root (the folder holding RpPlayground.sln).</summary>
    public static string Repository { get; } = FindRepository();

    /// <summary>The sample photos committed under samples/photos.</summary>
    public static string Photo(string name) => Path.Combine(Repository, "samples", "photos", name);

    /// <summary>The ../shared folder beside the checkout, or null when this machine has none.</summary>
    public static string? Shared { get; } = Directory.Exists(Path.Combine(Repository, "..", "shared")) ? Path.GetFullPath(Path.Combine(Repository, "..", "shared")) : null;

    /// <summary>darknet-tiny's folder in ../shared; skips the calling test, with the reason, when it is absent.</summary>
    public static string DarknetTinyOrSkip()
    {
        var folder = Shared is null ? null : Path.Combine(Shared, "models", "darknet-tiny");
        if (folder is null || !File.Exists(Path.Combine(folder, "model.onnx")))
            Assert.Skip("../shared/models/darknet-tiny is not beside this checkout; the darknet-tiny checks need it.");
        return folder!;
    }

    /// <summary>ResNet-18's ONNX file from the Microsoft.ML.DnnImageFeaturizer.ResNet18 package.</summary>
    public static string ResNet18Onnx { get; } = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ResNet18Onnx").Value!;

    static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RpPlayground.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests must run inside the repository (no RpPlayground.sln above " + AppContext.BaseDirectory + ").");
    }
}
