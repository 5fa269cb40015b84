using System.Globalization;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Web.Components.Playground;

/// <summary>RP's switches and their changes during a run, in words: "non-target term on; off at iteration 40; on at iteration 90".</summary>
public static class SwitchSchedule
{
    /// <summary>The starting switches, then each change with the iteration it took effect.</summary>
    public static string Describe(RpSwitches initial, IReadOnlyList<SwitchChange> changes)
    {
        var parts = new List<string> { $"non-target term {Term(initial.NonTarget, initial.NonTargetWeight)}, reversed-mask term {(initial.ReversedMask ? "on" : "off")}" };
        var before = initial;
        foreach (var change in changes)
        {
            var differences = Differences(before, change.Switches).ToArray();
            parts.Add($"at iteration {change.Iteration}: {(differences.Length > 0 ? string.Join(", ", differences) : "no change")}");
            before = change.Switches;
        }
        return string.Join("; ", parts) + ".";
    }

    /// <summary>A few words for a thumbnail: "NT on", "NT off", "NT off → on at 40" (the non-target term's states only).</summary>
    public static string Brief(RpSwitches initial, IReadOnlyList<SwitchChange> changes)
    {
        var states = new List<string> { initial.NonTarget ? "on" : "off" };
        var before = initial.NonTarget;
        foreach (var change in changes.Where(c => c.Switches.NonTarget != before))
        {
            before = change.Switches.NonTarget;
            states.Add($"{(before ? "on" : "off")} at {change.Iteration}");
        }
        return "NT " + string.Join(" → ", states);
    }

    static IEnumerable<string> Differences(RpSwitches a, RpSwitches b)
    {
        if (a.NonTarget != b.NonTarget || a.NonTargetWeight != b.NonTargetWeight) yield return $"non-target {Term(b.NonTarget, b.NonTargetWeight)}";
        if (a.ReversedMask != b.ReversedMask) yield return $"reversed-mask {(b.ReversedMask ? "on" : "off")}";
        if (a.ReversedTargetWeight != b.ReversedTargetWeight || a.ReversedNonTargetWeight != b.ReversedNonTargetWeight) yield return "reversed-mask weights changed";
        if (a.TargetWeight != b.TargetWeight) yield return $"target weight {Number(b.TargetWeight)}";
        if (a.Area != b.Area) yield return $"λ1 {Number(b.Area)}";
        if (a.Smoothness != b.Smoothness) yield return $"λtv {Number(b.Smoothness)}";
    }

    static string Term(bool on, double weight) => on ? weight == 1 ? "on" : $"on (weight {Number(weight)})" : "off";

    static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
