namespace RpPlayground.Core.Metrics.Localisation;

/// <summary>
/// How well a map finds an object whose pixels are known: the pointing game (Zhang et al., 2016: does the map's
/// highest point fall on the object?) and the share of the map's energy inside the object's mask.
/// </summary>
public static class LocalisationScores
{
    /// <summary>Whether the map's maximum (the first, in row-major order) lies on a pixel of <paramref name="mask"/>.</summary>
    public static bool PointingHit(float[] map, bool[] mask)
    {
        Check(map, mask);
        var peak = 0;
        for (var i = 1; i < map.Length; i++) if (map[i] > map[peak]) peak = i;
        return mask[peak];
    }

    /// <summary>Σ map over the mask / Σ map, after shifting the map so its minimum is 0; NaN for a constant map.</summary>
    public static double EnergyInside(float[] map, bool[] mask)
    {
        Check(map, mask);
        var min = map.Min();
        double inside = 0, total = 0;
        for (var i = 0; i < map.Length; i++)
        {
            var v = map[i] - min;
            total += v;
            if (mask[i]) inside += v;
        }
        return total > 0 ? inside / total : double.NaN;
    }

    static void Check(float[] map, bool[] mask)
    {
        if (map.Length != mask.Length || map.Length == 0) throw new ArgumentException($"The map has {map.Length} values and the mask {mask.Length}.");
    }
}
