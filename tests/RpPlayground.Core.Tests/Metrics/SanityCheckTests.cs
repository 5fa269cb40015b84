using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Metrics.Sanity;
using RpPlayground.Core.Models;
using RpPlayground.Core.Tests.Support;
using RpPlayground.Core.World;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Metrics;

/// <summary>The model-randomisation sanity check on the built-in model.</summary>
public sealed class SanityCheckTests
{
    [Theory]
    [InlineData("gradient")]
    [InlineData("gradcam")]
    public async Task SimilarityFallsAsMoreLayersAreRandomised(string method)
    {
        using var catalog = WorldModel.Catalog();
        using var copy = catalog.LoadCopy("world");
        var stages = Run(copy, MethodCatalog.Get(method).Create(MethodCatalog.Get(method).Recommended(copy.Spec)), RandomisationMode.Cascading, scene: 3);

        Assert.Equal(copy.Network.Layers.Count + 1, stages.Count);
        Assert.Equal(MapSimilarity.Identical, stages[0].Similarity);
        Assert.Equal(["classifier", "norm4", "conv4"], stages.Skip(1).Take(3).Select(s => s.Layer));
        var topLayerOnly = stages[1].Similarity.Spearman;
        var deepest = stages.TakeLast(3).Average(s => s.Similarity.Spearman);
        Assert.True(topLayerOnly < 0.9, $"randomising the logits left the {method} map almost unchanged (Spearman {topLayerOnly:0.00})");
        Assert.True(deepest < topLayerOnly, $"{method}: Spearman {deepest:0.00} with every layer randomised, {topLayerOnly:0.00} with the logits only");
        Assert.True(stages.TakeLast(3).Average(s => s.Similarity.Hog) < stages[1].Similarity.Hog);
    }

    [Fact]
    public async Task BothModesPutTheTrainedWeightsBackSoOneCopyServesRepeatedChecks()
    {
        using var catalog = WorldModel.Catalog();
        using var copy = catalog.LoadCopy("world");
        var trained = Weights(catalog.Get("world").Network);

        var cascading = Run(copy, new GradientMethod(), RandomisationMode.Cascading, scene: 3);
        Assert.Equal(trained, Weights(copy.Network));
        var again = Run(copy, new GradientMethod(), RandomisationMode.Cascading, scene: 3);
        Assert.Equal(cascading.Select(s => s.Map), again.Select(s => s.Map));  // the second check started from the trained model too

        var independent = Run(copy, new GradientMethod(), RandomisationMode.Independent, scene: 3);
        Assert.Equal(trained, Weights(copy.Network));
        Assert.Equal(cascading[1].Map, independent[1].Map);  // the top layer alone: the same model in both modes
        Assert.NotEqual(cascading[^1].Map, independent[^1].Map);  // conv1 alone is not every layer
    }

    [Fact]
    public void SsimAndHogAreComparedOnMapsScaledToTheUnitRange()
    {
        var map = Enumerable.Range(0, 32 * 32).Select(i => (float)Math.Sin(i * 0.37) * 5 + 3).ToArray();
        var scaledCopy = map.Select(v => 2 * v + 1).ToArray();
        var similarity = MapSimilarity.Compare(map, scaledCopy, 32);
        Assert.Equal(1.0, similarity.Spearman, 9);
        Assert.Equal(1.0, similarity.Ssim, 5);
        Assert.Equal(1.0, similarity.Hog, 9);
        Assert.Equal([0f, 0.5f, 1f], MapSimilarity.Scaled([2f, 3f, 4f]));
    }

    static List<SanityStage> Run(ImageClassifier copy, IExplanationMethod method, RandomisationMode mode, int scene)
    {
        var picture = new SceneGenerator(copy.InputSize).Generate(2024, scene);
        using var x = tensor(picture.Pixels, new long[] { 1, 3, picture.Size, picture.Size });
        var stages = new List<SanityStage>();
        foreach (var stage in SanityCheck.Run(copy, x, picture.Objects[0].ClassIndex, method, mode, seed: 0, TestContext.Current.CancellationToken)) stages.Add(stage);
        return stages;
    }

    static Dictionary<string, float[]> Weights(ClassifierNetwork network) =>
        network.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().cpu().data<float>().ToArray());
}
