namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>
/// The loss terms' switches and weights. The optimiser reads them at the start of every iteration, so a change made
/// while it runs takes effect at the next iteration: assign a new value to <see cref="RpLiveSwitches.Current"/>.
/// </summary>
public sealed record RpSwitches
{
    /// <summary>The non-target term of L_M: keep every other class's prediction where it was.</summary>
    public bool NonTarget { get; init; } = true;

    public double NonTargetWeight { get; init; } = 1;

    /// <summary>The reversed-mask term L_RM, both its parts.</summary>
    public bool ReversedMask { get; init; } = true;

    /// <summary>Weight of L_RM's target part: the reversed mask must bring the target back.</summary>
    public double ReversedTargetWeight { get; init; } = 1;

    /// <summary>Weight of L_RM's non-target part: the reversed mask must not light up other classes.</summary>
    public double ReversedNonTargetWeight { get; init; } = 1;

    /// <summary>Weight of L_M's target part (change the target).</summary>
    public double TargetWeight { get; init; } = 1;

    /// <summary>λ1 on mean|1 − m| (keep the mask small).</summary>
    public double Area { get; init; } = 5;

    /// <summary>λtv on the total variation of the mask (keep it smooth).</summary>
    public double Smoothness { get; init; } = 20;

    /// <summary>The problems with these values, as sentences; empty when valid.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[] { ("non-target weight", NonTargetWeight), ("reversed target weight", ReversedTargetWeight),
                     ("reversed non-target weight", ReversedNonTargetWeight), ("target weight", TargetWeight), ("λ1 (area)", Area), ("λtv (smoothness)", Smoothness) })
        {
            if (!double.IsFinite(value) || value < 0 || value > 1000) yield return $"The {name} must be between 0 and 1000 (got {value}).";
        }
    }
}
