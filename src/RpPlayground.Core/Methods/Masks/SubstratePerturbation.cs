using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Masks;

/// <summary>
/// Blends the image x with a replacement image x_r (a substrate): x_pt = x_r + m·(x − x_r) and x_rpt = x − m·(x − x_r),
/// the same as m·x + (1 − m)·x_r and (1 − m)·x + m·x_r with one product for both. Made inside the run's dispose scope.
/// </summary>
public sealed class SubstratePerturbation : Perturbation
{
    readonly Tensor image, substrate, difference;

    /// <param name="image">x, [1, 3, S, S].</param>
    /// <param name="substrate">x_r, the same shape.</param>
    public SubstratePerturbation(Tensor image, Tensor substrate)
    {
        this.image = image.detach();
        this.substrate = substrate.detach();
        difference = (this.image - this.substrate).detach();
    }

    public override Tensor Apply(Tensor keep) => substrate.Plus(keep * difference);

    public override Tensor ApplyReversed(Tensor keep) => image - keep * difference;

    public override Tensor Both(Tensor keep)
    {
        var change = keep * difference;
        return cat([substrate.Plus(change), image - change], 0);
    }
}
