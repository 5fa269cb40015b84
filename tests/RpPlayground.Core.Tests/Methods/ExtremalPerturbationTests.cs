using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Tests.Support;
using RpPlayground.Core.World;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Methods;

public sealed class ExtremalPerturbationTests
{
    [Fact]
    public void OneParameterMakesAGaussianBumpThatEndsAtTwoSigma()
    {
        var grid = zeros(1, 1, 9, 9);
        grid[0, 0, 4, 4] = tensor(1f);
        var mask = new SmoothMaxMask(1.5, CPU).Generate(grid)[0, 0];
        for (var y = 0; y < 9; y++)
        {
            for (var x = 0; x < 9; x++)
            {
                var (dx, dy) = (x - 4, y - 4);
                var expected = Math.Max(Math.Abs(dx), Math.Abs(dy)) <= 3 ? Math.Exp(-(dx * dx + dy * dy) / 4.5) : 0;
                Assert.Equal(expected, mask[y, x].item<float>(), 5);
            }
        }
    }

    [Fact]
    public void NeighbouringBumpsTakeTheMaximumAndTheGradientGoesToTheWinner()
    {
        var grid = zeros(1, 1, 1, 5);
        grid[0, 0, 0, 1] = tensor(1f);
        grid[0, 0, 0, 3] = tensor(0.5f);
        grid.requires_grad_(true);
        var mask = new SmoothMaxMask(1.0, CPU).Generate(grid);
        // the middle cell is one step from both: max(1·e^−½, 0.5·e^−½), not their sum
        Assert.Equal(Math.Exp(-0.5), mask[0, 0, 0, 2].item<float>(), 5);
        Assert.Equal(0.5, mask[0, 0, 0, 3].item<float>(), 5);  // its own parameter beats 1·e^−2
        mask[0, 0, 0, 2].backward();
        Assert.Equal([0f, (float)Math.Exp(-0.5), 0f, 0f, 0f], grid.grad!.flatten().data<float>().ToArray(), new FloatTolerance(1e-5f));
    }

    [Theory]
    [InlineData("paper")]
    [InlineData("torchray")]
    public void OnABuiltInSceneTheKeptAreaIsSmallHoldsTheTargetAndSitsOnIt(string preset)
    {
        using var catalog = WorldModel.Catalog();
        var classifier = catalog.Get("world");
        var scene = new SceneGenerator().Generate(2024, 3);
        using var x = tensor(scene.Pixels, new long[] { 1, 3, 128, 128 });
        var target = scene.Objects[0].ClassIndex;
        var last = new ExtremalPerturbationMethod(EpOptions.Presets[preset]).FinalFrame(new ExplanationRequest(classifier, x, target, [], 0), TestContext.Current.CancellationToken);

        var kept = last.Map.Average();
        Assert.InRange(kept, 0.03, 0.25);  // the area constraint asks for 10 %
        Assert.True(last.Classes[0].Perturbed > 0.5, $"the preserved region keeps {scene.Objects[0].Label} at only {last.Classes[0].Perturbed:0.00}");
        // The kept region sits on the object: the map is several times higher there than elsewhere. (Not the single
        // strongest pixel: a preserved region is flat at 1, and which of its pixels comes first says nothing.)
        var onObject = scene.ClassMask(target);
        var inside = last.Map.Where((_, i) => onObject[i]).Average();
        var outside = last.Map.Where((_, i) => !onObject[i]).Average();
        Assert.True(inside > 3 * outside, $"kept {inside:0.000} on the object, {outside:0.000} elsewhere");
    }

    sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(float value) => 0;
    }
}
