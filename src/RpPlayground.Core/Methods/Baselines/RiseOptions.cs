namespace RpPlayground.Core.Methods.Baselines;

/// <summary>RISE's settings; defaults are the paper's for ImageNet (Petsiuk, Das, Saenko, BMVC 2018).</summary>
public sealed record RiseOptions : IMethodOptions
{
    public const int DefaultMasks = 4000;

    /// <summary>How many random masks are sampled.</summary>
    public int Masks { get; init; } = DefaultMasks;

    /// <summary>Side of each mask's random grid.</summary>
    public int Grid { get; init; } = 7;

    /// <summary>The probability p1 that a grid cell keeps its pixels.</summary>
    public double Keep { get; init; } = 0.5;

    /// <summary>Masks per forward pass (one frame each).</summary>
    public int Batch { get; init; } = 50;

    /// <summary>The problems with these options, as sentences; empty when valid.</summary>
    public IEnumerable<string> Problems(ModelFacts model)
    {
        var inputSize = model.InputSize;
        if (Masks is < 1 or > 100_000) yield return $"RISE's masks must be between 1 and 100000 (got {Masks}).";
        if (Grid < 2 || Grid > inputSize) yield return $"RISE's grid must be between 2 and {inputSize} (got {Grid}).";
        if (!double.IsFinite(Keep) || Keep is <= 0 or >= 1) yield return $"RISE's keep probability must be above 0 and below 1 (got {Keep}).";
        if (Batch is < 1 or > 1000) yield return $"RISE's batch must be between 1 and 1000 (got {Batch}).";
    }
}
