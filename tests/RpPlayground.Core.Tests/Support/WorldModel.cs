using RpPlayground.Core.Models;
using RpPlayground.Core.Substrates;
using RpPlayground.Core.World;

namespace RpPlayground.Core.Tests.Support;

/// <summary>The committed built-in model, declared as the site's appsettings.json declares it.</summary>
public static class WorldModel
{
    public static ModelSpec Spec { get; } = new()
    {
        Id = "world", Format = "world", File = "samples/models/world/world.weights", Labels = "samples/models/world/labels.txt",
        InputSize = WorldNetwork.InputSize, Output = OutputKind.Sigmoid, GradCamLayer = "block4",
        Substrate = new SubstrateOptions { Kind = SubstrateKind.Gaussian, Sigma = 10 }, NoiseSigma = 0.05,
    };

    /// <summary>A catalog holding only the world model; the caller disposes it.</summary>
    public static ModelCatalog Catalog() => new([Spec], TestPaths.Repository, TorchSharp.torch.CPU);
}
