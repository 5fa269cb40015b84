using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Masks;

/// <summary>The terms that keep a mask small and smooth, shared by the mask-optimising methods.</summary>
public static class MaskRegularisers
{
    /// <summary>|1 − m| per cell: how much of the image each cell removes (callers take the mean or the sum, as their paper does).</summary>
    public static Tensor Removed(Tensor mask) => mask.OneMinus().abs();

    /// <summary>mean(|∂x m|^β) + mean(|∂y m|^β) over neighbouring cells of a mask [N, 1, h, w].</summary>
    public static Tensor TotalVariation(Tensor mask, double beta)
    {
        var rows = mask[.., .., 1.., ..] - mask[.., .., ..^1, ..];
        var columns = mask[.., .., .., 1..] - mask[.., .., .., ..^1];
        return rows.abs().Power(beta).mean().Plus(columns.abs().Power(beta).mean());
    }
}
