using RpPlayground.Core.Metrics.Localisation;

namespace RpPlayground.Core.Tests.Metrics;

public sealed class LocalisationScoresTests
{
    static readonly bool[] Mask = [false, true, true, false];

    [Fact]
    public void ThePointingGameLooksOnlyAtTheMapsHighestPoint()
    {
        Assert.True(LocalisationScores.PointingHit([0.1f, 0.2f, 0.9f, 0.8f], Mask));
        Assert.False(LocalisationScores.PointingHit([0.1f, 0.7f, 0.7f, 0.8f], Mask));
        Assert.False(LocalisationScores.PointingHit([0.9f, 0.9f, 0f, 0f], Mask));  // a tie goes to the first pixel
    }

    [Fact]
    public void EnergyInsideIsTheShiftedMapsShareOnTheMask()
    {
        // shifted by the minimum 1: (0, 2, 1, 1) -> (2 + 1) / 4
        Assert.Equal(0.75, LocalisationScores.EnergyInside([1f, 3f, 2f, 2f], Mask), 12);
        Assert.True(double.IsNaN(LocalisationScores.EnergyInside([5f, 5f, 5f, 5f], Mask)));
        Assert.Throws<ArgumentException>(() => LocalisationScores.EnergyInside([1f, 2f], Mask));
    }
}
