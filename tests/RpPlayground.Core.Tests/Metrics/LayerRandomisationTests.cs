using RpPlayground.Core.Metrics.Sanity;
using RpPlayground.Core.Models;
using RpPlayground.Core.Tests.Support;

namespace RpPlayground.Core.Tests.Metrics;

public sealed class LayerRandomisationTests
{

    [Fact]
    public void OnlyTheChosenLayersChangeAndTheSharedModelIsUntouched()
    {
        using var catalog = WorldModel.Catalog();
        var shared = catalog.Get("world");
        using var copy = catalog.LoadCopy("world");
        var before = Snapshot(copy.Network);
        var chosen = LayerRandomisation.TopLayers(copy.Network, 3);  // classifier, norm4, conv4
        Assert.Equal(["classifier", "norm4", "conv4"], chosen.Select(l => l.Name));

        LayerRandomisation.Randomise(copy.Network, chosen, seed: 1);

        var after = Snapshot(copy.Network);
        var chosenParameters = chosen.SelectMany(l => l.ParameterNames).ToHashSet();
        foreach (var (name, values) in before)
        {
            if (chosenParameters.Contains(name)) Assert.NotEqual(values, after[name]);
            else Assert.Equal(values, after[name]);
        }
        Assert.Equal(before, Snapshot(shared.Network));  // the shared classifier still has the trained weights
        Assert.All(after["norm4.weight"], v => Assert.Equal(1f, v));
        Assert.All(after["classifier.bias"], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void TheSameSeedGivesTheSameWeights()
    {
        using var catalog = WorldModel.Catalog();
        using var a = catalog.LoadCopy("world");
        using var b = catalog.LoadCopy("world");
        LayerRandomisation.Randomise(a.Network, a.Network.Layers, 7);
        LayerRandomisation.Randomise(b.Network, b.Network.Layers, 7);
        Assert.Equal(Snapshot(a.Network), Snapshot(b.Network));
        // Kaiming normal with fan in 3·5·5 for conv1: the weights' spread is near sqrt(2/75)
        var std = a.Network.get_parameter("conv1.weight")!.std().item<float>();
        Assert.InRange(std, 0.8 * Math.Sqrt(2.0 / 75), 1.2 * Math.Sqrt(2.0 / 75));
    }

    [Fact]
    public void AnOnnxModelsConvolutionAndLinearLayerAreReinitialisedOneAtATime()
    {
        using var classifier = TinyClassifier.Create();
        var layers = classifier.Network.Layers;
        Assert.Equal(["Conv", "Gemm"], layers.Select(l => l.Kind));
        var before = Snapshot(classifier.Network);

        LayerRandomisation.Randomise(classifier.Network, LayerRandomisation.TopLayers(classifier.Network, 1), seed: 4);

        var after = Snapshot(classifier.Network);
        var gemm = layers[1].ParameterNames;
        Assert.Equal(2, gemm.Count);  // weight and bias
        foreach (var (name, values) in before)
        {
            if (gemm.Contains(name)) Assert.NotEqual(values, after[name]);
            else Assert.Equal(values, after[name]);
        }
        Assert.All(after[gemm[1]], v => Assert.Equal(0f, v));  // the bias starts at zero
    }

    static Dictionary<string, float[]> Snapshot(ClassifierNetwork network) =>
        network.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().cpu().data<float>().ToArray());
}
