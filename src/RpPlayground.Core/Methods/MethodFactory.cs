using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Substrates;

namespace RpPlayground.Core.Methods;

/// <summary>The methods by id.</summary>
public static class MethodFactory
{
    /// <summary>Every method id, Robust Perturbation first.</summary>
    public static IReadOnlyList<string> Ids { get; } = ["rp", "mp", "ep", "rise", "gradcam", "gradient"];

    /// <summary>Each method's name with its paper, by id, for people.</summary>
    public static IReadOnlyDictionary<string, string> Names { get; } = Ids.ToDictionary(id => id, id => Create(id, new MethodSettings()).Name);

    /// <summary>A method configured by <paramref name="settings"/>; throws <see cref="ArgumentException"/> for an unknown id.</summary>
    public static IExplanationMethod Create(string id, MethodSettings settings) => id switch
    {
        "rp" => new RobustPerturbationMethod(settings.Rp, new RpLiveSwitches(settings.Switches)),
        "mp" => new MeaningfulPerturbationMethod(settings.Substrate with { Kind = SubstrateKind.Gaussian }, settings.Iterations ?? 300),
        "ep" => new ExtremalPerturbationMethod(iterations: settings.Iterations ?? 800),
        "rise" => new RiseMethod(masks: settings.Iterations ?? 4000),
        "gradcam" => new GradCamMethod(),
        "gradient" => new GradientMethod(),
        _ => throw new ArgumentException($"Unknown method '{id}'. Methods: {string.Join(", ", Ids)}."),
    };
}
