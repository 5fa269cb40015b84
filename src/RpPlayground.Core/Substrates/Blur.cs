using RpPlayground.Core.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Substrates;

/// <summary>Blurs of [N, C, H, W] images, with mirrored borders (OpenCV's default, BORDER_REFLECT_101).</summary>
public static class Blur
{
    /// <summary>Gaussian blur with a square kernel of odd <paramref name="size"/> and standard deviation <paramref name="sigma"/>, in pixels.</summary>
    public static Tensor Gaussian(Tensor images, int size, double sigma)
    {
        Validate(images, size);
        if (sigma <= 0) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "The blur's sigma must be positive.");
        using var scope = NewDisposeScope();
        var half = size / 2;
        var offsets = ScalarOps.Range(-half, half + 1, images.dtype, images.device);
        var weights = exp((-offsets.pow(ScalarOps.Two)).DividedBy(2 * sigma * sigma));
        weights /= weights.sum();
        var channels = images.shape[1];
        var padded = nn.functional.pad(images, new long[] { half, half, half, half }, PaddingModes.Reflect);
        var rows = nn.functional.conv2d(padded, weights.view(1, 1, 1, size).expand(channels, 1, 1, size), groups: channels);
        var both = nn.functional.conv2d(rows, weights.view(1, 1, size, 1).expand(channels, 1, size, 1), groups: channels);
        return both.MoveToOuterDisposeScope();
    }

    /// <summary>Median of each odd <paramref name="size"/> x <paramref name="size"/> neighbourhood, per channel.</summary>
    public static Tensor Median(Tensor images, int size)
    {
        Validate(images, size);
        using var scope = NewDisposeScope();
        var half = size / 2;
        var padded = nn.functional.pad(images, new long[] { half, half, half, half }, PaddingModes.Reflect);
        // [N, C, H, W, size, size] windows -> median over the last two
        var windows = padded.unfold(2, size, 1).unfold(3, size, 1);
        var median = windows.reshape(images.shape[0], images.shape[1], images.shape[2], images.shape[3], size * size).kthvalue(size * size / 2 + 1, -1).values;
        return median.MoveToOuterDisposeScope();
    }

    static void Validate(Tensor images, int size)
    {
        if (images.dim() != 4) throw new ArgumentException($"Expected images [N, C, H, W], got [{string.Join(",", images.shape)}].", nameof(images));
        if (size < 1 || size % 2 == 0) throw new ArgumentOutOfRangeException(nameof(size), size, "The kernel size must be odd and positive.");
        if (size / 2 >= Math.Min(images.shape[2], images.shape[3]))
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A {size}x{size} kernel is too large for a {images.shape[3]}x{images.shape[2]} image.");
    }
}
