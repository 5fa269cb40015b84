namespace RpPlayground.Web.Samples;

/// <summary>Maps made smaller by averaging, in managed code (no LibTorch, so any thread may call it).</summary>
public static class MapShrink
{
    /// <summary>
    /// The map (row-major, <paramref name="width"/> x <paramref name="height"/>) with its larger side at most
    /// <paramref name="side"/>: each new cell is the mean of the old cells whose centres fall in it. A small map is returned as it is.
    /// </summary>
    public static (float[] Map, int Width, int Height) Average(float[] map, int width, int height, int side)
    {
        if (width <= side && height <= side) return (map, width, height);
        var scale = (double)Math.Max(width, height) / side;
        var (w, h) = (Math.Max(1, (int)Math.Round(width / scale)), Math.Max(1, (int)Math.Round(height / scale)));
        var sums = new double[w * h];
        var counts = new int[w * h];
        for (var y = 0; y < height; y++)
        {
            var row = Math.Min(h - 1, (int)((y + 0.5) * h / height));
            for (var x = 0; x < width; x++)
            {
                var cell = row * w + Math.Min(w - 1, (int)((x + 0.5) * w / width));
                sums[cell] += map[y * width + x];
                counts[cell]++;
            }
        }
        return (sums.Select((s, i) => counts[i] > 0 ? (float)(s / counts[i]) : 0f).ToArray(), w, h);
    }
}
