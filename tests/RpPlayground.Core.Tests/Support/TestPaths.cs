using System.Reflection;
using RpPlayground.Tests.Shared;

namespace RpPlayground.Core.Tests.Support;

/// <summary>Where the repository and its samples are.</summary>
public static class TestPaths
{
    /// <summary>The repository root (the folder holding RpPlayground.sln).</summary>
    public static string Repository => RepositoryFolder.Path;

    /// <summary>The sample photos committed under samples/photos.</summary>
    public static string Photo(string name) => Path.Combine(Repository, "samples", "photos", name);

    /// <summary>darknet-tiny's folder, shipped under samples/models/darknet-tiny.</summary>
    public static string DarknetTiny => RepositoryFolder.DarknetTiny;

    /// <summary>ResNet-18's ONNX file from the Microsoft.ML.DnnImageFeaturizer.ResNet18 package.</summary>
    public static string ResNet18Onnx { get; } = typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ResNet18Onnx").Value!;
}
