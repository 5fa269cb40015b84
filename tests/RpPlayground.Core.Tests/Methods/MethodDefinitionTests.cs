using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Tests.Support;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>The one place that turns a method as people choose it into settings: steps go where each method keeps them, and every problem is named.</summary>
public sealed class MethodDefinitionTests
{
    [Theory]
    [InlineData("rp", 40)]
    [InlineData("mp", 41)]
    [InlineData("ep", 42)]
    [InlineData("rise", 43)]
    public void StepsGoToTheChosenMethodsOwnField(string id, int steps)
    {
        var (method, settings) = new MethodDefinition { Method = id, Steps = steps }.Settle(WorldModel.Spec, 8);
        Assert.Equal(steps, method.Steps!.Get(settings));
        var defaults = MethodSettings.RecommendedFor(WorldModel.Spec);
        // No other method's steps moved.
        foreach (var other in MethodCatalog.All.Where(m => m.Steps is not null && m.Id != id))
            Assert.Equal(other.Steps!.Get(defaults), other.Steps.Get(settings));
    }

    [Fact]
    public void EachMethodsDefaultsAreItsPapers()
    {
        var defaults = new MethodSettings();
        Assert.Equal([("rp", 150), ("mp", 300), ("ep", 800), ("rise", 4000)],
            MethodCatalog.All.Where(m => m.Steps is not null).Select(m => (m.Id, m.Steps!.Get(defaults))));
        Assert.Equal(["iterations", "iterations", "iterations", "masks"], MethodCatalog.All.Where(m => m.Steps is not null).Select(m => m.Steps!.Name));
        Assert.All(MethodCatalog.All, m => Assert.Contains("(", m.Name));  // every name cites its paper
    }

    [Theory]
    [InlineData("nope", null, null, "Unknown method 'nope'")]
    [InlineData("gradcam", 10, null, "explains in one pass; it takes no iterations")]
    [InlineData("rp", 0, null, "The iterations must be between 1 and 5000 (got 0)")]
    [InlineData("rise", 200_000, null, "The masks must be between 1 and 100000 (got 200000)")]
    [InlineData("ep", null, "fast", "There is no Extremal Perturbation preset 'fast'")]
    public void AProblemIsNamedInASentence(string id, int? steps, string? preset, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new MethodDefinition { Method = id, Steps = steps, EpPreset = preset }.Settle(WorldModel.Spec, 8));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void RpsSwitchesAndOptionsAreCheckedAndAPresetIsApplied()
    {
        var error = Assert.Throws<ArgumentException>(() => new MethodDefinition { Switches = new RpSwitches { Area = -2 }, Rp = new RpOptions { NoiseSigma = 9 } }.Settle(WorldModel.Spec, 8));
        Assert.Contains("λ1 (area) must be between 0 and 1000", error.Message);
        Assert.Contains("noise sigma must be between 0 and 2", error.Message);
        var (_, settings) = new MethodDefinition { Method = "ep", EpPreset = "torchray" }.Settle(WorldModel.Spec, 8);
        Assert.Equal(EpOptions.TorchRay, settings.Ep);
        Assert.Equal(0.05, new MethodDefinition().Settle(WorldModel.Spec, 8).Settings.Rp.NoiseSigma);  // the model's recommendation
    }
}
