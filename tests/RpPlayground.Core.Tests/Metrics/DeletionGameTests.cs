using RpPlayground.Core.Metrics.Deletion;
using RpPlayground.Core.Models;
using RpPlayground.Core.Substrates;
using RpPlayground.Core.Tests.Support;
using RpPlayground.Core.World;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Metrics;

public sealed class DeletionGameTests(ITestOutputHelper output)
{
    [Fact]
    public void AreaIsTheTrapezoidRuleDividedByTheSteps()
    {
        Assert.Equal(0.5, DeletionGame.Auc([1f, 0.5f, 0f]), 12);          // (0.75 + 0.25) / 2
        Assert.Equal(0.3, DeletionGame.Auc([0.3f, 0.3f, 0.3f, 0.3f]), 6);  // flat curve: its height
        Assert.Equal(0.25, DeletionGame.Auc([1f, 0f, 0f]), 12);            // (0.5 + 0) / 2
        Assert.Throws<ArgumentException>(() => DeletionGame.Auc([1f]));
    }

    [Fact]
    public void EachStepRemovesTheNextMostImportantPixels()
    {
        using var classifier = TinyClassifier.Create(size: 4, spatial: true, output: OutputKind.Softmax);
        using var scope = NewDisposeScope();
        using var generator = new Generator(3);  // kept alive: LibTorch reads it during the call
        var x = rand(new long[] { 1, 3, 4, 4 }, generator: generator);
        var map = Enumerable.Range(0, 16).Select(i => (float)((i * 7) % 16)).ToArray();  // a permutation of 0..15
        var options = new DeletionOptions { PixelsPerStep = 5, Batch = 2, Substrate = new SubstrateOptions { Kind = SubstrateKind.Constant, Value = 0.5 } };
        var curve = DeletionGame.Curve(classifier, x, map, 1, options);

        Assert.Equal(5, curve.Length);  // step 0 and 4 steps of at most 5 pixels
        float Score(Tensor image) => classifier.Probabilities(classifier.Logits(image))[0, 1].item<float>();
        // by hand: after step 2 the 10 pixels with the largest map values are grey
        var removed = Enumerable.Range(0, 16).OrderByDescending(i => map[i]).Take(10).ToHashSet();
        var grey = tensor(Enumerable.Range(0, 16).Select(i => removed.Contains(i) ? 1f : 0f).ToArray(), new long[] { 1, 1, 4, 4 });
        Assert.Equal(Score(x), curve[0], 5);
        Assert.Equal(Score(grey * 0.5f + (1 - grey) * x), curve[2], 5);
        Assert.Equal(Score(full_like(x, 0.5f)), curve[4], 5);
    }

    [Fact]
    public void EqualValuesLeaveInAShuffledOrderNotTheTopRowsFirst()
    {
        // A hand-made 32x32 map with a flat top: a 16x16 square of 1s (like RP's clamped mask or EP's kept region) on 0.2.
        const int side = 32;
        var map = new float[side * side];
        for (var i = 0; i < map.Length; i++) map[i] = i / side is >= 8 and < 24 && i % side is >= 8 and < 24 ? 1f : 0.2f;
        var steps = DeletionGame.Steps(map, pixelsPerStep: 16);

        // The square goes first (steps 1 to 16), everything else after.
        Assert.All(Enumerable.Range(0, map.Length), i => Assert.True(map[i] == 1f ? steps[i] <= 16 : steps[i] > 16));
        // Step 1 takes 16 of the square's 256 pixels: in pixel order they would be its top row; shuffled, they spread over its rows.
        var firstRows = Enumerable.Range(0, map.Length).Where(i => steps[i] == 1).Select(i => i / side).Distinct().Count();
        Assert.True(firstRows >= 8, $"step 1's pixels lie in only {firstRows} rows");
        // The order is the same every time, for every map of that size: each method meets the same tie-breaking.
        Assert.Equal(steps, DeletionGame.Steps(map.ToArray(), 16));
        Assert.Equal(DeletionGame.TieOrder(side * side), DeletionGame.TieOrder(side * side));
        Assert.Equal(Enumerable.Range(0, side * side), DeletionGame.TieOrder(side * side).Order());
    }

    [Fact]
    public void TheTrueObjectMaskBeatsARandomMapInBothGames()
    {
        using var catalog = WorldModel.Catalog();
        var classifier = catalog.Get("world");
        var generator = new SceneGenerator();
        var random = new Random(5);
        double perfectDeletion = 0, randomDeletion = 0, perfectInsertion = 0, randomInsertion = 0;
        const int scenes = 10;
        for (var i = 0; i < scenes; i++)
        {
            var scene = generator.Generate(31, i);
            using var scope = NewDisposeScope();
            var x = tensor(scene.Pixels, new long[] { 1, 3, 128, 128 });
            var target = scene.Objects[0].ClassIndex;
            var perfect = scene.ClassMask(target).Select(m => m ? 1f : 0f).ToArray();
            var noise = Enumerable.Range(0, perfect.Length).Select(_ => (float)random.NextDouble()).ToArray();
            perfectDeletion += DeletionGame.Auc(DeletionGame.Curve(classifier, x, perfect, target, DeletionOptions.Deletion));
            randomDeletion += DeletionGame.Auc(DeletionGame.Curve(classifier, x, noise, target, DeletionOptions.Deletion));
            perfectInsertion += DeletionGame.Auc(DeletionGame.Curve(classifier, x, perfect, target, DeletionOptions.InsertionGame));
            randomInsertion += DeletionGame.Auc(DeletionGame.Curve(classifier, x, noise, target, DeletionOptions.InsertionGame));
        }
        output.WriteLine($"deletion AUC: true mask {perfectDeletion / scenes:0.000}, random {randomDeletion / scenes:0.000}; insertion AUC: true mask {perfectInsertion / scenes:0.000}, random {randomInsertion / scenes:0.000}");
        Assert.True(perfectDeletion < randomDeletion);
        Assert.True(perfectInsertion > randomInsertion);
    }
}
