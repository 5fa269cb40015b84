using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Core.Substrates;

namespace RpPlayground.Core.Tests.Methods;

public sealed class RpOptionsTests
{
    [Fact]
    public void DefaultsAreTheAuthorsCodeUnlessTheModelRecommendsOtherwise()
    {
        var authors = RpOptions.For(new ModelSpec { Id = "photo" });
        Assert.Equal((150, 0.1, 0, SubstrateKind.BlurMix, 0.2, Divergence.BoundedL1, 2.0, 0),
            (authors.Iterations, authors.LearningRate, authors.MaskResolution, authors.Substrate.Kind, authors.NoiseSigma, authors.Divergence, authors.TvBeta, authors.NonTargetTopK));
        var switches = new RpSwitches();
        Assert.Equal((true, 1.0, true, 1.0, 1.0, 5.0, 20.0), (switches.NonTarget, switches.NonTargetWeight, switches.ReversedMask, switches.ReversedTargetWeight, switches.ReversedNonTargetWeight, switches.Area, switches.Smoothness));

        var world = RpOptions.For(new ModelSpec { Id = "world", Substrate = new SubstrateOptions { Kind = SubstrateKind.Gaussian, Sigma = 10 }, NoiseSigma = 0.05 });
        Assert.Equal((SubstrateKind.Gaussian, 10.0, 0.05, 150), (world.Substrate.Kind, world.Substrate.Sigma, world.NoiseSigma, world.Iterations));
    }

    [Fact]
    public void OutOfRangeValuesAreEachNamed()
    {
        var problems = new RpOptions { NoiseSigma = 3, TvBeta = 0.5, NonTargetTopK = 8, Substrate = new SubstrateOptions { Kind = SubstrateKind.Constant, Value = 2 } }.Problems(new ModelFacts(128, 8)).ToArray();
        Assert.Equal(4, problems.Length);
        Assert.Contains(problems, p => p.Contains("noise sigma"));
        Assert.Contains(problems, p => p.Contains("β"));
        Assert.Contains(problems, p => p.Contains("non-target classes"));
        Assert.Contains(problems, p => p.Contains("grey level"));
        Assert.Empty(new RpOptions().Problems(new ModelFacts(128, 8)));
        Assert.Single(new RpSwitches { NonTargetWeight = double.NaN }.Problems());
    }
}
