using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Tests.Support;
using RpPlayground.Core.World;

namespace RpPlayground.Core.Tests.World;

/// <summary>
/// Robust Perturbation on 20 built-in scenes with two or more kinds of object, with the settings the world model
/// recommends (Gaussian substrate sigma 10, noise 0.05): each term's effect, term on against term off.
/// </summary>
[Collection(NativeStateCollection.Name)]
public sealed class RobustPerturbationOnScenesTests(ITestOutputHelper output)
{

    [Fact]
    public void TheTermsDoWhatTheyAreForOnBuiltInScenes()
    {
        using var catalog = WorldModel.Catalog();
        var classifier = catalog.Get("world");
        var results = DistortionExperiment.Run(classifier, RpOptions.For(WorldModel.Spec), new RpSwitches(), 20, 77, null, TestContext.Current.CancellationToken);

        var shiftOn = results.Average(r => r.ShiftOn);
        var shiftOff = results.Average(r => r.ShiftOff);
        var worstOn = results.Average(r => r.WorstOn);
        var worstOff = results.Average(r => r.WorstOff);
        var reverseOn = results.Average(r => r.ReverseOn);
        var reverseOff = results.Average(r => r.ReverseOff);
        var hits = results.Count(r => r.Hit);
        output.WriteLine($"mean |Δ log-odds| of non-targets: on {shiftOn:0.000}, off {shiftOff:0.000} (ratio {shiftOn / shiftOff:0.00})");
        output.WriteLine($"mean largest |Δp| of a tracked non-target: on {worstOn:0.000}, off {worstOff:0.000}");
        output.WriteLine($"mean reverse CDS: reversed-mask term on {reverseOn:0.0000}, off {reverseOff:0.0000}");
        output.WriteLine($"pointing game {hits}/{results.Count}");

        // The reversed-mask term brings the target back on x_rpt without lighting up other classes.
        Assert.True(reverseOn < 0.5 * reverseOff, $"reverse CDS on {reverseOn:0.0000}, off {reverseOff:0.0000}");
        // RP's map points into the target's own pixels.
        Assert.True(hits >= 16, $"pointing game {hits}/20");
        // The non-target term at least halves the largest probability shift of the other classes. (The seed's stronger
        // claim, half the mean |Δ log-odds| over all non-targets, does not hold here: see README, "What we measured".)
        Assert.True(worstOn <= 0.5 * worstOff, $"largest non-target shift on {worstOn:0.000}, off {worstOff:0.000}");
    }
}
