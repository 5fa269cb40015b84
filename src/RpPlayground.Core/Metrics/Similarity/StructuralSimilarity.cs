namespace RpPlayground.Core.Metrics.Similarity;

/// <summary>
/// Mean structural similarity (Wang et al., 2004) of two maps, computed as scikit-image's structural_similarity does
/// by default: a 7x7 uniform window, sample covariance, K1 = 0.01, K2 = 0.03, and the mean taken over the positions
/// whose window lies wholly inside the map (scikit-image crops the border positions, so its border mode never counts).
/// </summary>
public static class StructuralSimilarity
{
    public static double Mean(float[] a, float[] b, int width, int height, double dataRange = 1, int window = 7)
    {
        if (a.Length != width * height || b.Length != a.Length) throw new ArgumentException("Both maps must be width x height.");
        if (window < 3 || window % 2 == 0 || window > Math.Min(width, height)) throw new ArgumentException($"The window must be odd, at least 3 and at most {Math.Min(width, height)}.");
        var n = window * window;
        var covarianceNorm = n / (n - 1.0);
        var c1 = Math.Pow(0.01 * dataRange, 2);
        var c2 = Math.Pow(0.03 * dataRange, 2);
        var half = window / 2;
        double total = 0;
        var count = 0;
        for (var y = half; y < height - half; y++)
        {
            for (var x = half; x < width - half; x++)
            {
                double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (var dy = -half; dy <= half; dy++)
                {
                    for (var dx = -half; dx <= half; dx++)
                    {
                        var i = (y + dy) * width + x + dx;
                        sa += a[i];
                        sb += b[i];
                        saa += a[i] * (double)a[i];
                        sbb += b[i] * (double)b[i];
                        sab += a[i] * (double)b[i];
                    }
                }
                double ma = sa / n, mb = sb / n;
                var va = covarianceNorm * (saa / n - ma * ma);
                var vb = covarianceNorm * (sbb / n - mb * mb);
                var cab = covarianceNorm * (sab / n - ma * mb);
                total += (2 * ma * mb + c1) * (2 * cab + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                count++;
            }
        }
        return total / count;
    }
}
