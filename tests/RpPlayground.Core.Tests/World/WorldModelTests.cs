using RpPlayground.Core.Tests.Support;
using RpPlayground.Core.World;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.World;

/// <summary>The committed weights of the built-in model: they load through the catalog and are accurate on fresh scenes.</summary>
public sealed class WorldModelTests(ITestOutputHelper output)
{

    [Fact]
    public void CommittedWeightsReachAnMapOfAtLeast095OnFreshScenes()
    {
        using var catalog = WorldModel.Catalog();
        var classifier = catalog.Get("world");
        // Series 4242 was never used in training (series 1) nor for the model card (series 1000).
        var result = WorldEvaluation.Evaluate(classifier, 4242, 500);
        for (var c = 0; c < result.Labels.Count; c++) output.WriteLine($"{result.Labels[c],-8} AP {result.ClassAp[c]:0.0000}");
        output.WriteLine($"mAP {result.MeanAp:0.0000}");
        Assert.True(result.MeanAp >= 0.95, $"mAP {result.MeanAp:0.0000}");
    }

    [Fact]
    public void TheNetworkNamesItsLayersAndActivations()
    {
        using var network = new WorldNetwork(8);
        Assert.Equal(["conv1", "norm1", "conv2", "norm2", "conv3", "norm3", "conv4", "norm4", "classifier"], network.Layers.Select(l => l.Name));
        Assert.All(network.Layers, l => Assert.NotEmpty(network.ParametersOf(l)));
        using var scope = NewDisposeScope();
        var (logits, features) = network.ForwardCapturing(rand(2, 3, 128, 128), "block4");
        Assert.Equal([2L, 8], logits.shape);
        Assert.Equal([2L, 96, 16, 16], features.shape);
    }
}
