using RpPlayground.Core.Substrates;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Masks;

/// <summary>
/// Extremal Perturbation's blur: a pyramid of <c>levels</c> blurs of the image, from none to sigma
/// <c>strongest</c>, and each pixel takes the blur level (1 − m)·(levels − 1), interpolated between the two nearest
/// levels (Fong, Patrick, Vedaldi, ICCV 2019; TorchRay's blur perturbation). Made inside the run's dispose scope.
/// </summary>
public sealed class BlurPyramidPerturbation : Perturbation
{
    readonly Tensor pyramid;
    readonly int levels;

    public BlurPyramidPerturbation(Tensor image, int levels, double strongest)
    {
        if (levels < 2) throw new ArgumentOutOfRangeException(nameof(levels), levels, "A blur pyramid needs at least two levels.");
        this.levels = levels;
        var size = (int)image.shape[3];
        pyramid = stack(Enumerable.Range(0, levels).Select(l => l == 0 ? image : Blur.Gaussian(image, Kernel(strongest * l / (levels - 1), size), strongest * l / (levels - 1))).ToArray()).detach();
    }

    public override Tensor Apply(Tensor keep)
    {
        var position = keep.OneMinus().Times(levels - 1);
        var lower = position.floor().ClampTo(0, levels - 2);
        var fraction = position - lower;
        var index = lower.to(int64).expand(1, 3, keep.shape[2], keep.shape[3]).unsqueeze(0);
        var below = pyramid.gather(0, index)[0];
        var above = pyramid.gather(0, index.Plus(1L))[0];
        return below.Plus(fraction * (above - below));
    }

    static int Kernel(double sigma, int size) => 2 * Math.Min((int)Math.Ceiling(2 * sigma), size / 2 - 1) + 1;
}
