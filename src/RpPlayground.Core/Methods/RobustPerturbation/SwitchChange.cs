namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>RP's switches and weights from <see cref="Iteration"/> on (1-based: the first iteration that used them).</summary>
public sealed record SwitchChange(int Iteration, RpSwitches Switches)
{
    /// <summary>The switches iteration <paramref name="iteration"/> used, given the starting ones and the changes in order.</summary>
    public static RpSwitches At(RpSwitches initial, IReadOnlyList<SwitchChange> schedule, int iteration) =>
        schedule.LastOrDefault(c => c.Iteration <= iteration)?.Switches ?? initial;
}
