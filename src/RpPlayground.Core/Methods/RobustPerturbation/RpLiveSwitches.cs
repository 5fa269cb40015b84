namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>Switches shared between a running optimisation and whoever changes them (a page, a hub client).</summary>
public sealed class RpLiveSwitches(RpSwitches initial)
{
    RpSwitches current = Validated(initial);

    /// <summary>The switches now; setting validates and takes effect at the next iteration.</summary>
    public RpSwitches Current
    {
        get => Volatile.Read(ref current);
        set => Volatile.Write(ref current, Validated(value));
    }

    static RpSwitches Validated(RpSwitches switches)
    {
        var problems = switches.Problems().ToArray();
        return problems.Length == 0 ? switches : throw new ArgumentException(string.Join(" ", problems));
    }
}
