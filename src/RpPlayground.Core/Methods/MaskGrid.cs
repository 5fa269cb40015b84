using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods;

/// <summary>Masks kept on a grid and used at the input's resolution.</summary>
public static class MaskGrid
{
    /// <summary>The mask [N, 1, h, w] at <paramref name="size"/> x <paramref name="size"/>, bilinearly (itself when already that size).</summary>
    public static Tensor Upsample(Tensor mask, long size) => Upsample(mask, size, size);

    /// <summary>The mask [N, 1, h, w] at <paramref name="height"/> x <paramref name="width"/>, bilinearly (itself when already that size).</summary>
    public static Tensor Upsample(Tensor mask, long height, long width) =>
        mask.shape[2] == height && mask.shape[3] == width
            ? mask
            : nn.functional.interpolate(mask, new[] { height, width }, mode: InterpolationMode.Bilinear, align_corners: false);

    /// <summary>A [1, 1, h, w] map as a row-major array on the CPU.</summary>
    public static float[] ToArray(Tensor map) => map.detach().to(float32).cpu().contiguous().data<float>().ToArray();

    /// <summary>A map scaled so its largest value is 1 (all zeros stay zeros).</summary>
    public static float[] Normalise(float[] map)
    {
        var max = map.Max();
        return max > 0 ? map.Select(v => v / max).ToArray() : map;
    }
}
