using RpPlayground.Core.Metrics.Similarity;

namespace RpPlayground.Core.Metrics.Sanity;

/// <summary>
/// How alike a map from a randomised model is to the original map, by the sanity checks' four measures: Spearman rank
/// correlation with and without absolute values, SSIM and the correlation of HOG features (the last two on maps
/// scaled to [0, 1], as Adebayo et al. normalised them).
/// </summary>
public sealed record MapSimilarity(double Spearman, double SpearmanAbsolute, double Ssim, double Hog)
{
    public static MapSimilarity Identical { get; } = new(1, 1, 1, 1);

    /// <summary>The four measures between two square maps of <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static MapSimilarity Compare(float[] original, float[] other, int size)
    {
        var a = Scaled(original);
        var b = Scaled(other);
        return new MapSimilarity(
            RankCorrelation.Spearman(original, other),
            RankCorrelation.Spearman(original, other, absolute: true),
            StructuralSimilarity.Mean(a, b, size, size),
            HogFeatures.Correlation(a, b, size, size));
    }

    /// <summary>The map shifted and scaled to [0, 1] (a constant map becomes zeros).</summary>
    public static float[] Scaled(float[] map)
    {
        var min = map.Min();
        var range = map.Max() - min;
        return map.Select(v => range > 0 ? (v - min) / range : 0f).ToArray();
    }
}
