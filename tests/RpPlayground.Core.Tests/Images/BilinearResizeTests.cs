using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Images;

/// <summary>The managed bilinear resize against LibTorch's interpolate, and a case worked by hand.</summary>
public sealed class BilinearResizeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(7, 7, 224, 224)]
    [InlineData(28, 28, 224, 224)]
    [InlineData(224, 224, 512, 341)]
    [InlineData(64, 64, 100, 37)]
    [InlineData(300, 300, 64, 64)]
    [InlineData(5, 3, 1, 1)]
    public void GivesLibTorchsBilinearInterpolationItsNumbers(int width, int height, int toWidth, int toHeight)
    {
        var random = new Random(width * 1000 + toHeight);
        var map = Enumerable.Range(0, width * height).Select(_ => random.NextSingle()).ToArray();
        using var scope = NewDisposeScope();
        var expected = MaskGrid.ToArray(MaskGrid.Upsample(tensor(map, new long[] { 1, 1, height, width }), toHeight, toWidth));

        var resized = BilinearResize.Resize(map, width, height, toWidth, toHeight);

        Assert.Equal(expected.Length, resized.Length);
        var largest = expected.Zip(resized, (a, b) => Math.Abs(a - b)).Max();
        var same = expected.Zip(resized, (a, b) => a == b).Count(s => s);
        output.WriteLine($"largest difference {largest:E2}; {same} of {expected.Length} values bit for bit");
        // Bit for bit under the AVX2 kernels Core pins; LibTorch's kernel without FMA rounds once more per product.
        Assert.True(largest <= 2.4e-7f, $"largest difference {largest}");
    }

    [Fact]
    public void TwoByOneDoubledIsWorkedByHand()
    {
        // Half-pixel centres: output x = 0..3 samples source 0.5 * (x + 0.5) - 0.5 = -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to the edge).
        var resized = BilinearResize.Resize([0f, 1f], 2, 1, 4, 1);
        Assert.Equal([0f, 0.25f, 0.75f, 1f], resized);
    }
}
