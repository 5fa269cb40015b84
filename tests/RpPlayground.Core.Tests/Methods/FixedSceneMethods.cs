using RpPlayground.Core.Methods;
using RpPlayground.Core.Models;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>The method under test in <see cref="FixedSceneMapsTests"/>, with the model's recommended settings and a step count.</summary>
static class FixedSceneMethods
{
    public static IExplanationMethod Create(string id, int? steps, ModelSpec spec)
    {
        var method = MethodCatalog.Get(id);
        var settings = method.Recommended(spec);
        return method.Create(steps is { } n ? method.Steps!.With(settings, n) : settings);
    }
}
