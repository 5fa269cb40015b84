using RpPlayground.Core.Metrics;

namespace RpPlayground.Core.Tests.Metrics;

public sealed class AveragePrecisionTests
{
    [Fact]
    public void MatchesAHandWorkedRanking()
    {
        // Ranked: +, -, +, -  -> precision 1/1 at the first positive, 2/3 at the second; AP = (1 + 2/3) / 2.
        Assert.Equal(5.0 / 6.0, AveragePrecision.Compute([0.9f, 0.8f, 0.7f, 0.6f], [true, false, true, false]), 12);
    }

    [Fact]
    public void APerfectRankingScoresOneAndAReversedOneScoresLow()
    {
        Assert.Equal(1.0, AveragePrecision.Compute([0.1f, 0.9f, 0.8f], [false, true, true]));
        // Positives last of four: precision 1/3 and 2/4.
        Assert.Equal((1.0 / 3 + 2.0 / 4) / 2, AveragePrecision.Compute([0.9f, 0.8f, 0.2f, 0.1f], [false, false, true, true]), 12);
    }

    [Fact]
    public void TiesCountAgainstTheRankingAndNoPositivesGiveNaN()
    {
        Assert.Equal(0.5, AveragePrecision.Compute([0.5f, 0.5f], [true, false]));
        Assert.True(double.IsNaN(AveragePrecision.Compute([0.5f], [false])));
    }
}
