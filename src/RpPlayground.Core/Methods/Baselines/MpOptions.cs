namespace RpPlayground.Core.Methods.Baselines;

/// <summary>Meaningful Perturbation's settings; defaults are the paper's (Fong and Vedaldi, ICCV 2017, deletion game).</summary>
public sealed record MpOptions : IMethodOptions
{
    public const int DefaultIterations = 300;

    public int Iterations { get; init; } = DefaultIterations;

    /// <summary>Side of the mask grid, upsampled bilinearly to the input.</summary>
    public int Grid { get; init; } = 28;

    /// <summary>Adam's learning rate on the mask.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>λ1 on Σ|1 − m| at the input's resolution.</summary>
    public double L1 { get; init; } = 1e-4;

    /// <summary>λtv on the mask's total variation.</summary>
    public double Tv { get; init; } = 1e-2;

    /// <summary>The total variation's exponent β.</summary>
    public double Beta { get; init; } = 3;

    /// <summary>The input is shifted by up to this many pixels each iteration.</summary>
    public int Jitter { get; init; } = 4;

    /// <summary>Sigma of the Gaussian blur that replaces removed pixels, in pixels.</summary>
    public double BlurSigma { get; init; } = 10;

    /// <summary>The paper's settings, with the blur a model's declaration recommends where it declares a Gaussian substrate.</summary>
    public static MpOptions For(Models.ModelSpec spec) =>
        spec.Substrate is { Kind: Substrates.SubstrateKind.Gaussian } blur ? new() { BlurSigma = blur.Sigma } : new();

    /// <summary>The problems with these options, as sentences; empty when valid.</summary>
    public IEnumerable<string> Problems(ModelFacts model)
    {
        var inputSize = model.InputSize;
        if (Iterations is < 1 or > 5000) yield return $"Meaningful Perturbation's iterations must be between 1 and 5000 (got {Iterations}).";
        if (Grid < 2 || Grid > inputSize) yield return $"Meaningful Perturbation's mask grid must be between 2 and {inputSize} (got {Grid}).";
        if (!double.IsFinite(LearningRate) || LearningRate is <= 0 or > 10) yield return $"Meaningful Perturbation's learning rate must be above 0 and at most 10 (got {LearningRate}).";
        if (!double.IsFinite(L1) || L1 is < 0 or > 1000) yield return $"Meaningful Perturbation's λ1 must be between 0 and 1000 (got {L1}).";
        if (!double.IsFinite(Tv) || Tv is < 0 or > 1000) yield return $"Meaningful Perturbation's λtv must be between 0 and 1000 (got {Tv}).";
        if (!double.IsFinite(Beta) || Beta is < 1 or > 4) yield return $"Meaningful Perturbation's β must be between 1 and 4 (got {Beta}).";
        if (Jitter < 0 || Jitter > inputSize / 4) yield return $"Meaningful Perturbation's jitter must be between 0 and {inputSize / 4} pixels (got {Jitter}).";
        if (!double.IsFinite(BlurSigma) || BlurSigma is < 0.5 or > 50) yield return $"Meaningful Perturbation's blur sigma must be between 0.5 and 50 (got {BlurSigma}).";
    }
}
