using RpPlayground.Core.Methods;

namespace RpPlayground.Web.Components.Playground;

/// <summary>What a method's map shows, in a sentence for the page.</summary>
public static class MapMeaningText
{
    public static string Of(MethodDescriptor method) => method.Map switch
    {
        MapMeaning.Removed => $"{method.Name}: the map shows 1 − m, what the mask removes to change the target; x_pt keeps the rest.",
        MapMeaning.Kept => $"{method.Name}: the map shows m, the part the mask keeps to preserve the target; x_pt is that part, the rest blurred.",
        _ => $"{method.Name}: the map scores each pixel's evidence for the target; the method perturbs no image of its own, so x stands alone.",
    };
}
