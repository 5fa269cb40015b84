namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>
/// RP's switches while it runs, shared between the optimiser and whoever changes them (a page, a hub client with the
/// run's control right). A change takes effect at the next iteration. Every change the optimiser used is recorded with
/// the iteration it took effect (<see cref="Changes"/>), and a recorded schedule can be replayed: given to a new run, it
/// applies the same switches at the same iterations, so a shared run replays what its presenter did.
/// </summary>
public sealed class RpLiveSwitches
{
    readonly Lock gate = new();
    readonly List<SwitchChange> changes = [];
    readonly Queue<SwitchChange> scheduled;
    RpSwitches current;
    RpSwitches used;

    /// <param name="initial">The switches at iteration 1.</param>
    /// <param name="schedule">Changes to replay, by iteration (a recorded <see cref="Changes"/>); validated like live changes.</param>
    public RpLiveSwitches(RpSwitches initial, IEnumerable<SwitchChange>? schedule = null)
    {
        current = used = Validated(initial);
        var replay = (schedule ?? []).OrderBy(c => c.Iteration).ToArray();
        foreach (var change in replay)
        {
            if (change.Iteration < 1) throw new InvalidRequestException($"A scheduled switch change must come at iteration 1 or later (got {change.Iteration}).");
            Validated(change.Switches);
        }
        scheduled = new Queue<SwitchChange>(replay);
    }

    /// <summary>The switches now; setting validates and takes effect at the next iteration.</summary>
    public RpSwitches Current
    {
        get
        {
            lock (gate) return current;
        }
        set
        {
            var valid = Validated(value);
            lock (gate) current = valid;
        }
    }

    /// <summary>The switches iteration <paramref name="iteration"/> uses (1-based, called once per iteration in order): a scheduled change due by then is applied first, and a change from the last iteration's switches is recorded.</summary>
    public RpSwitches At(int iteration)
    {
        lock (gate)
        {
            while (scheduled.TryPeek(out var due) && due.Iteration <= iteration) current = scheduled.Dequeue().Switches;
            if (!Equals(used, current)) changes.Add(new SwitchChange(iteration, current));
            used = current;
            return current;
        }
    }

    /// <summary>The switches the last iteration used (the initial ones before the first).</summary>
    public RpSwitches Used
    {
        get
        {
            lock (gate) return used;
        }
    }

    /// <summary>Every change the optimiser used so far, in order, with the iteration it took effect.</summary>
    public IReadOnlyList<SwitchChange> Changes
    {
        get
        {
            lock (gate) return changes.ToArray();
        }
    }

    static RpSwitches Validated(RpSwitches switches)
    {
        var problems = switches.Problems().ToArray();
        return problems.Length == 0 ? switches : throw new InvalidRequestException(string.Join(" ", problems));
    }
}
