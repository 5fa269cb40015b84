using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Substrates;

/// <summary>Makes the replacement image x_r for pixels [N, 3, H, W]; every method shares these.</summary>
public static class Substrate
{
    /// <summary>x_r for <paramref name="pixels"/>, on the same device; <paramref name="generator"/> feeds the noise kind.</summary>
    public static Tensor Create(Tensor pixels, SubstrateOptions options, Generator? generator = null) => options.Kind switch
    {
        SubstrateKind.BlurMix => BlurMix(pixels),
        SubstrateKind.Gaussian => Blur.Gaussian(pixels, KernelFor(options.Sigma, pixels), options.Sigma),
        SubstrateKind.Constant => ScalarOps.FilledLike(pixels, options.Value),
        SubstrateKind.Noise => rand(pixels.shape, dtype: pixels.dtype, device: pixels.device, generator: generator),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown substrate."),
    };

    /// <summary>The RP authors' substrate: the mean of a Gaussian blur (11, sigma 5) and a median blur (11).</summary>
    public static Tensor BlurMix(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        return Blur.Gaussian(pixels, 11, 5).Plus(Blur.Median(pixels, 11)).DividedBy(2).MoveToOuterDisposeScope();
    }

    // About two sigma each side, odd, and small enough for the image.
    static int KernelFor(double sigma, Tensor pixels)
    {
        var half = (int)Math.Ceiling(2 * sigma);
        var limit = (int)Math.Min(pixels.shape[2], pixels.shape[3]) / 2 - 1;
        return 2 * Math.Min(half, limit) + 1;
    }
}
