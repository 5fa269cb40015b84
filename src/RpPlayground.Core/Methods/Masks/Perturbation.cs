using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Masks;

/// <summary>
/// How a mask perturbs the image (TorchRay's <c>Perturbation.apply</c> is the model). <c>keep</c> is the mask m at the
/// input's resolution, [1, 1, S, S] in [0, 1], 1 keeping a pixel: x_pt = <see cref="Apply"/>(m); the reversed
/// x_rpt = <see cref="ApplyReversed"/>(m) removes what m keeps and keeps what m removes.
/// </summary>
public abstract class Perturbation
{
    /// <summary>x_pt: the image where <paramref name="keep"/> is 1, the perturbation where it is 0.</summary>
    public abstract Tensor Apply(Tensor keep);

    /// <summary>x_rpt: the perturbation applied with the mask reversed, <c>Apply(1 − keep)</c>.</summary>
    public virtual Tensor ApplyReversed(Tensor keep) => Apply(keep.OneMinus());

    /// <summary>x_pt and x_rpt as one batch of two, [2, 3, S, S].</summary>
    public virtual Tensor Both(Tensor keep) => cat([Apply(keep), ApplyReversed(keep)], 0);
}
