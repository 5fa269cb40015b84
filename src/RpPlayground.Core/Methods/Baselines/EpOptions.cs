using System.Text.Json.Nodes;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>
/// Extremal Perturbation's settings (Fong, Patrick, Vedaldi, ICCV 2019), preserve variant. <see cref="Paper"/> (the
/// default) follows the paper's description; <see cref="TorchRay"/> is how the authors' TorchRay library runs it, which
/// differs in three places: the mask starts at 1, SGD dampens its momentum by 0.9, and every other iteration the input
/// is flipped left-right.
/// </summary>
public sealed record EpOptions : IMethodOptions
{
    public const int DefaultIterations = 800;

    /// <summary>The preserved area a, as a fraction of the image.</summary>
    public double Area { get; init; } = 0.1;

    public int Iterations { get; init; } = DefaultIterations;

    /// <summary>The parameter grid's step, in pixels at 224.</summary>
    public int Step { get; init; } = 7;

    public double LearningRate { get; init; } = 0.01;

    public double Momentum { get; init; } = 0.9;

    /// <summary>SGD's dampening of the momentum (0: none).</summary>
    public double Dampening { get; init; }

    /// <summary>The area constraint's starting weight, multiplied by <see cref="Growth"/> after every step.</summary>
    public double Regularisation { get; init; } = 300;

    public double Growth { get; init; } = 1.0035;

    /// <summary>Blur levels between the image and sigma 20 (at 224 pixels).</summary>
    public int Levels { get; init; } = 8;

    /// <summary>Where the mask's parameters start.</summary>
    public double InitialValue { get; init; } = 0.5;

    /// <summary>Flip the perturbed input left-right on odd iterations (TorchRay's jitter).</summary>
    public bool FlipJitter { get; init; }

    /// <summary>The paper's description: the settings used unless a preset is chosen.</summary>
    public static EpOptions Paper { get; } = new();

    /// <summary>As TorchRay's <c>extremal_perturbation</c> runs it.</summary>
    public static EpOptions TorchRay { get; } = new() { InitialValue = 1, Dampening = 0.9, FlipJitter = true };

    /// <summary>The named presets, for menus and the command line.</summary>
    public static IReadOnlyDictionary<string, EpOptions> Presets { get; } = new Dictionary<string, EpOptions> { ["paper"] = Paper, ["torchray"] = TorchRay };

    /// <summary>
    /// EP's options from a run definition: <c>"preset"</c> names the settings to start from (<see cref="Presets"/>;
    /// the paper's when absent), and any other field replaces that preset's.
    /// </summary>
    public static EpOptions Read(JsonObject? given, Models.ModelSpec spec)
    {
        var preset = Paper;
        if (given?["preset"] is { } named)
        {
            var name = named.GetValueKind() == System.Text.Json.JsonValueKind.String ? named.GetValue<string>() : "";
            preset = Presets.TryGetValue(name, out var found) ? found
                : throw new InvalidRequestException($"There is no Extremal Perturbation preset '{UserText.Short(name)}' (presets: {string.Join(", ", Presets.Keys)}).");
            given = (JsonObject)given.DeepClone();
            given.Remove("preset");
        }
        return (EpOptions)MethodJson.Overlay(preset, given, typeof(EpOptions), ExtremalPerturbationMethod.Descriptor.Name);
    }

    /// <summary>The problems with these options, as sentences; empty when valid.</summary>
    public IEnumerable<string> Problems(ModelFacts model)
    {
        if (!double.IsFinite(Area) || Area is <= 0 or >= 1) yield return $"Extremal Perturbation's area must be above 0 and below 1 (got {Area}).";
        if (Iterations is < 1 or > 5000) yield return $"Extremal Perturbation's iterations must be between 1 and 5000 (got {Iterations}).";
        if (Step is < 1 or > 64) yield return $"Extremal Perturbation's step must be between 1 and 64 (got {Step}).";
        if (!double.IsFinite(LearningRate) || LearningRate is <= 0 or > 10) yield return $"Extremal Perturbation's learning rate must be above 0 and at most 10 (got {LearningRate}).";
        if (!double.IsFinite(Momentum) || Momentum is < 0 or >= 1) yield return $"Extremal Perturbation's momentum must be at least 0 and below 1 (got {Momentum}).";
        if (!double.IsFinite(Dampening) || Dampening is < 0 or >= 1) yield return $"Extremal Perturbation's dampening must be at least 0 and below 1 (got {Dampening}).";
        if (!double.IsFinite(Regularisation) || Regularisation is < 0 or > 1e6) yield return $"Extremal Perturbation's area weight must be between 0 and 1e6 (got {Regularisation}).";
        if (!double.IsFinite(Growth) || Growth is < 1 or > 1.1) yield return $"Extremal Perturbation's weight growth must be between 1 and 1.1 (got {Growth}).";
        if (Levels is < 2 or > 32) yield return $"Extremal Perturbation's blur levels must be between 2 and 32 (got {Levels}).";
        if (!double.IsFinite(InitialValue) || InitialValue is < 0 or > 1) yield return $"Extremal Perturbation's initial mask value must be between 0 and 1 (got {InitialValue}).";
    }
}
