using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Core.Methods;

/// <summary>Every explanation method, Robust Perturbation first: pages, the API and the command line read this list.</summary>
public static class MethodCatalog
{
    public static IReadOnlyList<MethodDescriptor> All { get; } =
    [
        RobustPerturbationMethod.Descriptor,
        MeaningfulPerturbationMethod.Descriptor,
        ExtremalPerturbationMethod.Descriptor,
        RiseMethod.Descriptor,
        GradCamMethod.Descriptor,
        GradientMethod.Descriptor,
    ];

    /// <summary>Every method id, in the catalog's order.</summary>
    public static IReadOnlyList<string> Ids { get; } = All.Select(m => m.Id).ToArray();

    /// <summary>The method with this id, or null.</summary>
    public static MethodDescriptor? Find(string? id) => All.FirstOrDefault(m => m.Id == id);

    /// <summary>The method with this id; throws <see cref="Core.InvalidRequestException"/> naming the methods for an unknown one.</summary>
    public static MethodDescriptor Get(string id) => Find(id) ?? throw new InvalidRequestException($"Unknown method '{UserText.Short(id)}'. Methods: {string.Join(", ", Ids)}.");
}
