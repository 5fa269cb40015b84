namespace RpPlayground.Core.Metrics;

/// <summary>Average precision of a ranking: the mean, over the positives, of the precision at each positive's rank.</summary>
public static class AveragePrecision
{
    /// <summary>
    /// AP of <paramref name="scores"/> against binary <paramref name="positive"/> labels (non-interpolated, ties ranked
    /// pessimistically: negatives first); NaN when there is no positive.
    /// </summary>
    public static double Compute(IReadOnlyList<float> scores, IReadOnlyList<bool> positive)
    {
        if (scores.Count != positive.Count) throw new ArgumentException("One label per score is needed.");
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => positive[i]).ToArray();
        double hits = 0, sum = 0;
        for (var rank = 0; rank < order.Length; rank++)
        {
            if (!positive[order[rank]]) continue;
            hits++;
            sum += hits / (rank + 1);
        }
        return hits == 0 ? double.NaN : sum / hits;
    }
}
