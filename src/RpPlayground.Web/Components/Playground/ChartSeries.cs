namespace RpPlayground.Web.Components.Playground;

/// <summary>One line of a <see cref="LineChart"/>: its name, colour (CSS), values by step, and whether it is dashed.</summary>
public sealed record ChartSeries(string Name, string Colour, IReadOnlyList<double> Values, bool Dashed = false);
