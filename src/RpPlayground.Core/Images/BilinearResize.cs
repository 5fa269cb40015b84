namespace RpPlayground.Core.Images;

/// <summary>
/// A single-channel map resized bilinearly in plain C#, as LibTorch's <c>interpolate(mode: bilinear, align_corners:
/// false)</c> does it (half-pixel centres, edges clamped, and the fused multiply-adds that its AVX2 kernel is compiled
/// with): the same numbers, bit for bit on this project's pinned AVX2 kernels, without a LibTorch call, so a picture of
/// a map can be drawn on any thread. <c>BilinearResizeTests</c> compares the two.
/// </summary>
public static class BilinearResize
{
    /// <summary>The row-major <paramref name="map"/> (<paramref name="width"/> x <paramref name="height"/>) at <paramref name="toWidth"/> x <paramref name="toHeight"/>.</summary>
    public static float[] Resize(float[] map, int width, int height, int toWidth, int toHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(map.Length, width * height, nameof(map));
        if (width == toWidth && height == toHeight) return map;
        var columns = Taps(width, toWidth);
        var rows = Taps(height, toHeight);
        var resized = new float[toWidth * toHeight];
        for (var y = 0; y < toHeight; y++)
        {
            var (top, bottom, wTop, wBottom) = rows[y];
            for (var x = 0; x < toWidth; x++)
            {
                var (left, right, wLeft, wRight) = columns[x];
                var upper = MathF.FusedMultiplyAdd(map[top * width + left], wLeft, map[top * width + right] * wRight);
                var lower = MathF.FusedMultiplyAdd(map[bottom * width + left], wLeft, map[bottom * width + right] * wRight);
                resized[y * toWidth + x] = MathF.FusedMultiplyAdd(upper, wTop, lower * wBottom);
            }
        }
        return resized;
    }

    // For each output position along one side: the two source positions and their weights.
    static (int Low, int High, float WLow, float WHigh)[] Taps(int from, int to)
    {
        var scale = (float)from / to;
        var taps = new (int, int, float, float)[to];
        for (var i = 0; i < to; i++)
        {
            var source = Math.Max(MathF.FusedMultiplyAdd(scale, i + 0.5f, -0.5f), 0f);
            var low = Math.Min((int)source, from - 1);
            var high = low < from - 1 ? low + 1 : low;
            var wHigh = Math.Clamp(source - low, 0f, 1f);
            taps[i] = (low, high, 1f - wHigh, wHigh);
        }
        return taps;
    }
}
