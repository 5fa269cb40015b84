using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace RpPlayground.Web.Components.Playground;

/// <summary>A small SVG line chart of values over iterations, with a legend that also reads each line's last value (for screen readers too).</summary>
public partial class LineChart
{
    const double Width = 360, Height = 164, Left = 60, Right = 352, Top = 8, Bottom = 144;

    /// <summary>Points drawn per line at most (evenly spaced steps, the last always): keeps each update small however long the run.</summary>
    public const int MaxPoints = 150;
    (double Min, double Max) range;
    int steps;

    /// <summary>The chart's caption.</summary>
    [Parameter, EditorRequired]
    public string Title { get; set; } = "";

    /// <summary>The lines to draw; values are by step, from the first.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    /// <summary>What the horizontal axis counts, with its unit where it has one ("iteration", "deletion step (300 pixels each)").</summary>
    [Parameter, EditorRequired]
    public string XTitle { get; set; } = "";

    /// <summary>What the vertical axis measures ("probability", "Spearman correlation").</summary>
    [Parameter, EditorRequired]
    public string YTitle { get; set; } = "";

    /// <summary>Fixed vertical range (for probabilities); null to fit the data.</summary>
    [Parameter]
    public (double Min, double Max)? Range { get; set; }

    /// <summary>
    /// Fit the vertical range to the values from this step on (earlier ones are drawn clipped at the edge): the loss's
    /// first values (5.0 and more while the mask is all 0) would otherwise flatten every later change.
    /// </summary>
    [Parameter]
    public int FitFrom { get; set; }

    /// <summary>Whether the legend reads each line's last value (off where the name already carries the figure that matters).</summary>
    [Parameter]
    public bool ShowLast { get; set; } = true;

    /// <summary>The data-testid of the figure.</summary>
    [Parameter]
    public string? TestId { get; set; }

    string Summary => $"{Title} ({YTitle} by {XTitle}): " + string.Join("; ", Series.Select(s => $"{s.Name} {Last(s)}"));

    protected override void OnParametersSet()
    {
        steps = Series.Count == 0 ? 0 : Series.Max(s => s.Values.Count);
        var values = Series.SelectMany(s => s.Values.Skip(s.Values.Count > FitFrom ? FitFrom : 0)).Where(double.IsFinite).ToArray();
        range = Range ?? (values.Length == 0 ? (0, 1) : (Math.Min(0, values.Min()), values.Max()));
        if (range.Max <= range.Min) range = (range.Min, range.Min + 1);
    }

    string Points(IReadOnlyList<double> values)
    {
        var span = Math.Max(1, steps - 1);
        return string.Join(' ', Sampled(values.Count).Where(i => double.IsFinite(values[i])).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{Left + (Right - Left) * i / span:0.#},{Bottom - (Bottom - Top) * (Math.Clamp(values[i], range.Min, range.Max) - range.Min) / (range.Max - range.Min):0.#}")));
    }

    /// <summary>The indices drawn for a line of <paramref name="count"/> values.</summary>
    public static IEnumerable<int> Sampled(int count) =>
        count <= MaxPoints ? Enumerable.Range(0, count) : Enumerable.Range(0, MaxPoints - 1).Select(k => (int)((long)k * (count - 1) / (MaxPoints - 1))).Append(count - 1);

    // A line without a last value is a loss term switched off mid-run (its frames carry no value): say so, not "NaN".
    static string Last(ChartSeries series) => series.Values.Count == 0 ? "—" : double.IsFinite(series.Values[^1]) ? Format(series.Values[^1]) : "off";

    static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.###", CultureInfo.InvariantCulture);
}
