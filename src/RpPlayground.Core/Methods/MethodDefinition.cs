using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;

namespace RpPlayground.Core.Methods;

/// <summary>
/// A method as people choose it, on a page, in an API body, in a link or on the command line: which method, how many
/// steps (its iterations or masks; null keeps its default), RP's switches, and options that differ from what the
/// model recommends (null keeps the recommendation). <see cref="Settle"/> is the one place that turns it into settings.
/// </summary>
public sealed record MethodDefinition
{
    public string Method { get; init; } = RobustPerturbationMethod.MethodId;

    /// <summary>The chosen method's steps: RP, MP and EP iterations, RISE masks; one-shot methods take none.</summary>
    public int? Steps { get; init; }

    public RpSwitches Switches { get; init; } = new();

    /// <summary>RP's fixed options; null: the model's recommendation (<see cref="RpOptions.For"/>).</summary>
    public RpOptions? Rp { get; init; }

    /// <summary>EP's preset by name (<see cref="EpOptions.Presets"/>); null: the paper's.</summary>
    public string? EpPreset { get; init; }

    /// <summary>The layer Grad-CAM reads; null: the model's declared layer, else the last spatial feature map.</summary>
    public string? CamLayer { get; init; }

    /// <summary>
    /// The method and its settings for the model <paramref name="spec"/> with <paramref name="classes"/> classes; throws <see cref="ArgumentException"/> with every problem in sentences.
    /// </summary>
    public (MethodDescriptor Method, MethodSettings Settings) Settle(ModelSpec spec, int classes)
    {
        var method = MethodCatalog.Get(Method);
        var problems = new List<string>();
        var settings = MethodSettings.RecommendedFor(spec) with { Switches = Switches, Cam = new CamOptions { Layer = CamLayer } };
        if (Rp is not null) settings = settings with { Rp = Rp };
        if (EpPreset is not null)
        {
            if (EpOptions.Presets.TryGetValue(EpPreset, out var preset)) settings = settings with { Ep = preset };
            else problems.Add($"There is no Extremal Perturbation preset '{UserText.Short(EpPreset)}' (presets: {string.Join(", ", EpOptions.Presets.Keys)}).");
        }
        if (Steps is { } steps)
        {
            if (method.Steps is not { } counted) problems.Add($"{method.Name} explains in one pass; it takes no iterations.");
            else if (steps < 1 || steps > counted.Max) problems.Add($"The {counted.Name} must be between 1 and {counted.Max} (got {steps}).");
            else settings = counted.With(settings, steps);
        }
        problems.AddRange(method.Problems(settings, spec.InputSize, classes));
        if (method.HasLiveSwitches) problems.AddRange(Switches.Problems());
        return problems.Count == 0 ? (method, settings) : throw new ArgumentException(string.Join(" ", problems.Distinct()));
    }
}
