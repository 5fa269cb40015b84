using RpPlayground.Core.Metrics.Similarity;

namespace RpPlayground.Core.Tests.Metrics;

/// <summary>The sanity checks' similarity measures against values worked out by hand.</summary>
public sealed class SimilarityTests
{
    [Fact]
    public void SpearmanMatchesTheTextbookFormulaWithoutTies()
    {
        // d = (0, 1, 1, 0): rho = 1 − 6·2 / (4·15) = 0.8
        Assert.Equal(0.8, RankCorrelation.Spearman([1f, 2f, 3f, 4f], [1f, 3f, 2f, 4f]), 12);
        Assert.Equal(-1.0, RankCorrelation.Spearman([1f, 2f, 3f], [9f, 5f, 1f]), 12);
    }

    [Fact]
    public void TiesShareTheirMeanRankAndAbsoluteValuesCanBeCompared()
    {
        Assert.Equal([1.0, 2.5, 2.5, 4.0], RankCorrelation.Ranks([10f, 20f, 20f, 30f]));
        // ranks (1, 2, 3) against (3, 1, 2): covariance −1, variances 2 and 2 -> −0.5
        Assert.Equal(-0.5, RankCorrelation.Spearman([-3f, 1f, 2f], [3f, 1f, 2f]), 12);
        Assert.Equal(1.0, RankCorrelation.Spearman([-3f, 1f, 2f], [3f, 1f, 2f], absolute: true), 12);
    }

    [Fact]
    public void SsimIsOneForIdenticalMapsAndFollowsTheFormulaForOneWindow()
    {
        var random = new Random(4);
        var a = Enumerable.Range(0, 49).Select(_ => (float)random.NextDouble()).ToArray();
        var b = a.Select(v => 0.5f * v + 0.2f + 0.05f * (float)random.NextDouble()).ToArray();
        Assert.Equal(1.0, StructuralSimilarity.Mean(a, a, 7, 7), 12);

        // A 7x7 map has exactly one 7x7 window: SSIM is the formula over all 49 values, with sample (n − 1) statistics.
        double ma = a.Average(), mb = b.Average();
        var va = a.Sum(v => (v - ma) * (v - ma)) / 48;
        var vb = b.Sum(v => (v - mb) * (v - mb)) / 48;
        var cab = a.Zip(b, (p, q) => (p - ma) * (q - mb)).Sum() / 48;
        double c1 = 1e-4, c2 = 9e-4;
        var expected = (2 * ma * mb + c1) * (2 * cab + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
        Assert.Equal(expected, StructuralSimilarity.Mean(a, b, 7, 7), 6);
    }

    [Fact]
    public void SsimOfTwoFlatMapsIsTheirLuminanceTerm()
    {
        var a = Enumerable.Repeat(0.5f, 100).ToArray();
        var b = Enumerable.Repeat(0.25f, 100).ToArray();
        Assert.Equal((0.25 + 1e-4) / (0.3125 + 1e-4), StructuralSimilarity.Mean(a, b, 10, 10), 9);
    }

    [Fact]
    public void HogPutsAVerticalEdgeInTheFirstBinAndAHorizontalEdgeInTheMiddleBin()
    {
        // One 8x8 cell, one block: after L2-Hys a single non-zero bin is exactly 1.
        var vertical = new float[64];
        var horizontal = new float[64];
        for (var y = 0; y < 8; y++)
            for (var x = 0; x < 8; x++)
            {
                vertical[y * 8 + x] = x >= 4 ? 1 : 0;
                horizontal[y * 8 + x] = y >= 4 ? 1 : 0;
            }
        var v = HogFeatures.Compute(vertical, 8, 8, blockCells: 1);
        var h = HogFeatures.Compute(horizontal, 8, 8, blockCells: 1);
        Assert.Equal(9, v.Length);
        Assert.Equal(1.0, v[0], 6);  // gradient along x: 0 degrees
        Assert.Equal(1.0, h[4], 6);  // gradient along y: 90 degrees, bin [80, 100)
        Assert.Equal(1.0, v.Sum(), 6);
        Assert.Equal(1.0, h.Sum(), 6);
    }

    [Fact]
    public void HogL2HysClipsABlockDominatedByOneBin()
    {
        // 3·[x >= 4] + [y >= 4] on one 8x8 cell: 12 pixels of magnitude 3 at 0°, 12 of magnitude 1 at 90°, and 4 of
        // magnitude √10 at 18.4° (bin 0). L2 gives (0.971, 0.240); both clip to 0.2 and renormalise to 1/√2 each.
        var image = new float[64];
        for (var y = 0; y < 8; y++)
            for (var x = 0; x < 8; x++) image[y * 8 + x] = (x >= 4 ? 3 : 0) + (y >= 4 ? 1 : 0);
        var features = HogFeatures.Compute(image, 8, 8, blockCells: 1);
        Assert.Equal(1 / Math.Sqrt(2), features[0], 4);
        Assert.Equal(1 / Math.Sqrt(2), features[4], 4);
        Assert.Equal(1.0, HogFeatures.Correlation(image, image, 8, 8, blockCells: 1), 12);
    }
}
