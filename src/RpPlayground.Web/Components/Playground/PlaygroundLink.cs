using System.Globalization;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Web.Components.Playground;

/// <summary>
/// The switches a playground link presets (<c>nt</c>, <c>ntw</c>, <c>rm</c>), read from the raw query values so that a
/// value that does not parse is named in a message instead of failing the page.
/// </summary>
public static class PlaygroundLink
{
    /// <summary>The switches with the link's values applied, and a sentence for each value that could not be used.</summary>
    public static (RpSwitches Switches, IReadOnlyList<string> Problems) Switches(RpSwitches defaults, string? nt, string? ntw, string? rm)
    {
        var problems = new List<string>();
        var asked = defaults with
        {
            NonTarget = Flag("nt", nt, problems) ?? defaults.NonTarget,
            ReversedMask = Flag("rm", rm, problems) ?? defaults.ReversedMask,
            NonTargetWeight = Number("ntw", ntw, problems) ?? defaults.NonTargetWeight,
        };
        var invalid = asked.Problems().ToArray();
        problems.AddRange(invalid);
        return (invalid.Length == 0 ? asked : defaults, problems);
    }

    static bool? Flag(string name, string? value, List<string> problems)
    {
        if (value is null) return null;
        if (bool.TryParse(value, out var flag)) return flag;
        problems.Add($"'{name}' must be true or false, not '{Core.UserText.Short(value)}'.");
        return null;
    }

    static double? Number(string name, string? value, List<string> problems)
    {
        if (value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)) return number;
        problems.Add($"'{name}' must be a number, not '{Core.UserText.Short(value)}'.");
        return null;
    }
}
