using RpPlayground.Core.Substrates;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Substrates;

public sealed class BlurTests
{
    [Fact]
    public void GaussianBlurOfAnImpulseIsTheNormalisedKernel()
    {
        using var scope = NewDisposeScope();
        var image = zeros(1, 1, 15, 15, dtype: float64);
        image[0, 0, 7, 7] = tensor(1.0);
        var blurred = Blur.Gaussian(image, 5, 1.5);
        var g = Enumerable.Range(-2, 5).Select(d => Math.Exp(-d * d / (2 * 1.5 * 1.5))).ToArray();
        var total = g.Sum();
        for (var dy = -2; dy <= 2; dy++)
            for (var dx = -2; dx <= 2; dx++)
                Assert.Equal(g[dy + 2] / total * g[dx + 2] / total, blurred[0, 0, 7 + dy, 7 + dx].item<double>(), 12);
        Assert.Equal(1.0, blurred.sum().item<double>(), 12);
    }

    [Fact]
    public void BordersAreMirroredSoAConstantImageStaysConstant()
    {
        using var scope = NewDisposeScope();
        var image = full(new long[] { 2, 3, 12, 9 }, 0.3f);
        Assert.True(Blur.Gaussian(image, 11, 5).allclose(image, atol: 1e-6));
        Assert.True(Blur.Median(image, 5).allclose(image));
    }

    [Fact]
    public void MedianBlurTakesTheMiddleValueOfEachWindow()
    {
        using var scope = NewDisposeScope();
        // Row 1 of a 3x3 image, mirrored at the borders: window of (1,1) holds 1..9, whose median is 5.
        var image = arange(1, 10, dtype: float32).reshape(1, 1, 3, 3);
        var median = Blur.Median(image, 3);
        Assert.Equal(5f, median[0, 0, 1, 1].item<float>());
        // Corner (0,0) sees the mirrored window [5 4 5; 2 1 2; 5 4 5] -> sorted middle (5th of 9) is 4.
        Assert.Equal(4f, median[0, 0, 0, 0].item<float>());
        // An isolated bright pixel disappears.
        var speck = zeros(1, 1, 7, 7);
        speck[0, 0, 3, 3] = tensor(1f);
        Assert.Equal(0f, Blur.Median(speck, 3).max().item<float>());
    }

    [Fact]
    public void AnEvenKernelIsRefused()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentOutOfRangeException>(() => Blur.Gaussian(zeros(1, 1, 8, 8), 4, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Blur.Median(zeros(1, 1, 8, 8), 17));
    }
}
