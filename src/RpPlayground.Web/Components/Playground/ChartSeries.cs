namespace RpPlayground.Web.Components.Playground;

/// <summary>One line of a <see cref="LineChart"/>: its name, colour (CSS), values by step, and whether it is dashed.</summary>
public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<double> Values, bool Dashed = false)
{
    static readonly string[] Palette = ["#b03a2e", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"];

    /// <summary>The <paramref name="index"/>th line's colour, from a palette that tells eight lines apart.</summary>
    public static string PaletteColour(int index) => Palette[index % Palette.Length];
}
