using System.Globalization;
using System.Text;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Web.Api;

/// <summary>
/// A run's frames as a table: one row per frame with its loss terms, tracked probabilities on x, x_pt and x_rpt,
/// distortion scores, and (for RP) the switches that iteration used.
/// </summary>
public static class FrameExport
{
    public static string Csv(IReadOnlyList<Frame> frames, Func<int, RpSwitches>? switchesAt = null)
    {
        var terms = frames.SelectMany(f => f.Loss.Keys).Distinct().ToArray();
        var classes = frames.Count > 0 ? frames[^1].Classes : [];
        var header = new List<string> { "iteration", "iterations", "elapsed_ms", "clean" };
        header.AddRange(terms.Select(t => "loss_" + t.Replace(' ', '_')));
        foreach (var c in classes) header.AddRange(new[] { "x", "x_pt", "x_rpt" }.Select(image => $"p_{image}_{Quoted(c.Label)}"));
        header.AddRange(["cds_slides", "cds_code", "reverse_cds", "nontarget_shift"]);
        if (switchesAt is not null) header.AddRange(["non_target", "non_target_weight", "reversed_mask"]);
        var text = new StringBuilder().AppendLine(string.Join(',', header));
        foreach (var frame in frames)
        {
            var row = new List<string> { Number(frame.Iteration), Number(frame.Iterations), Number(frame.ElapsedMs), frame.Clean ? "1" : "0" };
            row.AddRange(terms.Select(t => frame.Loss.TryGetValue(t, out var v) ? Number(v) : ""));
            foreach (var c in classes)
            {
                var track = frame.Classes.FirstOrDefault(k => k.Index == c.Index);
                row.AddRange(track is null ? ["", "", ""] : [Number(track.Original), Number(track.Perturbed), Number(track.Reversed)]);
            }
            var d = frame.Distortion;
            row.AddRange(d is null ? ["", "", "", ""] : [Number(d.Slides), Number(d.Code), Number(d.Reverse), Number(d.NonTargetShift)]);
            if (switchesAt?.Invoke(frame.Iteration) is { } used) row.AddRange([used.NonTarget ? "1" : "0", Number(used.NonTargetWeight), used.ReversedMask ? "1" : "0"]);
            text.AppendLine(string.Join(',', row));
        }
        return text.ToString();
    }

    static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    static string Quoted(string label) => new(label.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
