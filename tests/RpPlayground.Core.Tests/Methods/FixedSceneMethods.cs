using RpPlayground.Core.Methods;
using RpPlayground.Core.Models;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>The method under test in <see cref="FixedSceneMapsTests"/>, with the model's recommended settings and a step count.</summary>
static class FixedSceneMethods
{
    public static IExplanationMethod Create(string id, int? steps, ModelSpec spec)
    {
        var settings = MethodSettings.RecommendedFor(spec);
        settings = id == "rp" && steps is { } n ? settings with { Rp = settings.Rp with { Iterations = n } } : settings with { Iterations = steps };
        return MethodFactory.Create(id, settings);
    }
}
