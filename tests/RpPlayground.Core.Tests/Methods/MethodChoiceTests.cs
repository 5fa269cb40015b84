using System.Text.Json.Nodes;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Tests.Support;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>
/// The one place that turns a method as a run definition names it into its options: each method reads its own fields
/// over the model's recommendation, steps go where the method keeps them, and every problem is named in a sentence.
/// </summary>
public sealed class MethodChoiceTests
{
    public static TheoryData<string> Counted => new(MethodCatalog.All.Where(m => m.Steps is not null).Select(m => m.Id));

    [Theory]
    [MemberData(nameof(Counted))]
    public void StepsGoToTheChosenMethodsOwnField(string id)
    {
        var method = MethodCatalog.Get(id);
        var (_, options) = new MethodChoice(id, new JsonObject { [method.Steps!.Name] = 42 }).Settle(WorldModel.Spec, 8);
        Assert.IsType(method.OptionsType, options);
        Assert.Equal(42, method.Steps.Get(options));
        // Nothing else moved: the rest is the model's recommendation.
        Assert.Equal(method.Steps.With(method.Recommended(WorldModel.Spec), 42), options);
    }

    [Fact]
    public void EachMethodsDefaultsAreItsPapers()
    {
        Assert.Equal([("rp", 150), ("mp", 300), ("ep", 800), ("rise", 4000)],
            MethodCatalog.All.Where(m => m.Steps is not null).Select(m => (m.Id, m.Steps!.Get(m.Recommended(WorldModel.Spec)))));
        Assert.Equal(["iterations", "iterations", "iterations", "masks"], MethodCatalog.All.Where(m => m.Steps is not null).Select(m => m.Steps!.Name));
        Assert.All(MethodCatalog.All, m => Assert.Contains("(", m.Name));  // every name cites its paper
    }

    [Theory]
    [InlineData("nope", """{}""", "Unknown method 'nope'")]
    [InlineData("gradcam", """{"iterations":10}""", "Grad-CAM (Selvaraju et al., ICCV 2017) has no option 'iterations'. Its options: layer.")]
    [InlineData("rp", """{"iterations":0}""", "Iterations must be between 1 and 5000 (got 0)")]
    [InlineData("rise", """{"masks":200000}""", "RISE's masks must be between 1 and 100000 (got 200000)")]
    [InlineData("ep", """{"preset":"fast"}""", "There is no Extremal Perturbation preset 'fast'")]
    [InlineData("rp", """{"switches":{"loud":true}}""", "has no option 'switches.loud'")]
    [InlineData("rp", """{"iterations":"many"}""", "the option 'iterations' has a value of the wrong kind")]
    [InlineData("mp", """{"switches":{}}""", "Meaningful Perturbation (Fong and Vedaldi, ICCV 2017) has no option 'switches'")]
    public void AProblemIsNamedInASentence(string id, string options, string message)
    {
        var error = Assert.Throws<InvalidRequestException>(() => new MethodChoice(id, JsonNode.Parse(options)!.AsObject()).Settle(WorldModel.Spec, 8));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void RpsSwitchesAndOptionsAreCheckedAndAPresetIsApplied()
    {
        var error = Assert.Throws<InvalidRequestException>(() => new MethodChoice("rp", new JsonObject { ["switches"] = new JsonObject { ["area"] = -2 }, ["noiseSigma"] = 9 }).Settle(WorldModel.Spec, 8));
        Assert.Contains("λ1 (area) must be between 0 and 1000", error.Message);
        Assert.Contains("noise sigma must be between 0 and 2", error.Message);
        Assert.Equal(EpOptions.TorchRay with { Area = 0.2 }, new MethodChoice("ep", new JsonObject { ["preset"] = "torchray", ["area"] = 0.2 }).Settle(WorldModel.Spec, 8).Options);
        var rp = (RpOptions)new MethodChoice("rp", new JsonObject { ["switches"] = new JsonObject { ["nonTarget"] = false } }).Settle(WorldModel.Spec, 8).Options;
        Assert.Equal(0.05, rp.NoiseSigma);  // the model's recommendation where the definition is silent
        Assert.Equal(new RpSwitches { NonTarget = false }, rp.Switches);  // one switch given, the others as they were
    }

    [Theory]
    [MemberData(nameof(All))]
    public void AMethodsOptionsWrittenOutReadBackAsTheyWere(string id)
    {
        var method = MethodCatalog.Get(id);
        var recommended = method.Recommended(WorldModel.Spec);
        Assert.Equal(recommended, new MethodChoice(id, MethodJson.ToObject(recommended)).Settle(WorldModel.Spec, 8).Options);
    }

    public static TheoryData<string> All => new(MethodCatalog.Ids);
}
