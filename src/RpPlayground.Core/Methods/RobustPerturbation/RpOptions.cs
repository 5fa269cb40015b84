using RpPlayground.Core.Substrates;

namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>
/// Robust Perturbation's options for a run: the settings fixed when it starts, and the switches and weights it starts
/// with (<see cref="Switches"/>, which change while it runs); defaults are the authors' code's.
/// </summary>
public sealed record RpOptions : IMethodOptions
{
    public int Iterations { get; init; } = 150;

    /// <summary>Adam's learning rate on the mask.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Mask grid side; 0 means full resolution (one value per input pixel). A coarse grid is upsampled bilinearly.</summary>
    public int MaskResolution { get; init; }

    public SubstrateOptions Substrate { get; init; } = new();

    /// <summary>Standard deviation of the Gaussian noise added to x_pt and x_rpt every iteration.</summary>
    public double NoiseSigma { get; init; } = 0.2;

    public Divergence Divergence { get; init; } = Divergence.BoundedL1;

    /// <summary>The exponent β of the total-variation term.</summary>
    public double TvBeta { get; init; } = 2;

    /// <summary>0: every other class is a non-target (the authors' choice); k: only the original's k most probable other classes.</summary>
    public int NonTargetTopK { get; init; }

    /// <summary>The loss terms' switches and weights at the start (they change while the run goes: <see cref="RpLiveSwitches"/>).</summary>
    public RpSwitches Switches { get; init; } = new();

    /// <summary>The authors' settings, with the substrate and noise a model's declaration recommends in their place.</summary>
    public static RpOptions For(Models.ModelSpec spec)
    {
        var defaults = new RpOptions();
        return defaults with { Substrate = spec.Substrate ?? defaults.Substrate, NoiseSigma = spec.NoiseSigma ?? defaults.NoiseSigma };
    }

    /// <summary>The problems with these options, as sentences; empty when valid.</summary>
    public IEnumerable<string> Problems(ModelFacts model)
    {
        var (inputSize, classes) = (model.InputSize, model.Classes);
        if (Iterations is < 1 or > 5000) yield return $"Iterations must be between 1 and 5000 (got {Iterations}).";
        if (!double.IsFinite(LearningRate) || LearningRate is <= 0 or > 10) yield return $"The learning rate must be above 0 and at most 10 (got {LearningRate}).";
        if (MaskResolution != 0 && (MaskResolution < 2 || MaskResolution > inputSize)) yield return $"The mask resolution must be 0 (full) or between 2 and {inputSize} (got {MaskResolution}).";
        if (!double.IsFinite(NoiseSigma) || NoiseSigma is < 0 or > 2) yield return $"The noise sigma must be between 0 and 2 (got {NoiseSigma}).";
        if (!Enum.IsDefined(Divergence)) yield return $"Unknown divergence '{Divergence}'.";
        if (!double.IsFinite(TvBeta) || TvBeta is < 1 or > 4) yield return $"β must be between 1 and 4 (got {TvBeta}).";
        if (NonTargetTopK < 0 || NonTargetTopK >= classes) yield return $"The number of non-target classes must be 0 (all) or between 1 and {classes - 1} (got {NonTargetTopK}).";
        foreach (var problem in Substrate.Problems()) yield return problem;
        foreach (var problem in Switches.Problems()) yield return problem;
    }
}
