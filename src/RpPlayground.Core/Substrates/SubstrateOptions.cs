namespace RpPlayground.Core.Substrates;

/// <summary>The replacement image x_r: its kind and the kind's one parameter.</summary>
public sealed record SubstrateOptions
{
    public SubstrateKind Kind { get; init; } = SubstrateKind.BlurMix;

    /// <summary>Gaussian: the blur's sigma in pixels (0.5 to 50).</summary>
    public double Sigma { get; init; } = 5;

    /// <summary>Constant: the grey level in [0, 1].</summary>
    public double Value { get; init; }

    /// <summary>The problems with these options, as sentences; empty when they are valid.</summary>
    public IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Kind)) yield return $"Unknown substrate '{Kind}'.";
        if (Kind == SubstrateKind.Gaussian && Sigma is < 0.5 or > 50) yield return $"The substrate's blur sigma must be between 0.5 and 50 (got {Sigma}).";
        if (Kind == SubstrateKind.Constant && Value is < 0 or > 1) yield return $"The substrate's grey level must be between 0 and 1 (got {Value}).";
    }
}
