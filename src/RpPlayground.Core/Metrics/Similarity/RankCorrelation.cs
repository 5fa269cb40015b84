namespace RpPlayground.Core.Metrics.Similarity;

/// <summary>Spearman's rank correlation, as the sanity checks (Adebayo et al., NeurIPS 2018) compare maps with it.</summary>
public static class RankCorrelation
{
    /// <summary>Pearson's correlation of the ranks (ties share their mean rank); with <paramref name="absolute"/>, of |values|.</summary>
    public static double Spearman(IReadOnlyList<float> a, IReadOnlyList<float> b, bool absolute = false)
    {
        if (a.Count != b.Count || a.Count < 2) throw new ArgumentException("Two maps of the same size, at least two values each, are needed.");
        var ra = Ranks(absolute ? a.Select(Math.Abs).ToArray() : a);
        var rb = Ranks(absolute ? b.Select(Math.Abs).ToArray() : b);
        return Pearson(ra, rb);
    }

    /// <summary>1-based ranks; equal values get the mean of the ranks they span.</summary>
    public static double[] Ranks(IReadOnlyList<float> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            var mean = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = mean;
            start = end + 1;
        }
        return ranks;
    }

    static double Pearson(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), cov = 0, va = 0, vb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            cov += (a[i] - ma) * (b[i] - mb);
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        return va == 0 || vb == 0 ? double.NaN : cov / Math.Sqrt(va * vb);
    }
}
