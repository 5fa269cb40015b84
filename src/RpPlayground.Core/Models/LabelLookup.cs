namespace RpPlayground.Core.Models;

/// <summary>Finding a class by label or by number, the same way everywhere (command line, pages, API).</summary>
public static class LabelLookup
{
    /// <summary>The index of <paramref name="label"/>: an exact label (case-insensitive) or a class number.</summary>
    /// <exception cref="UnknownLabelException">No such class; the message lists close labels.</exception>
    public static int Index(IReadOnlyList<string> labels, string label, string modelId)
    {
        var text = label.Trim();
        for (var i = 0; i < labels.Count; i++)
            if (string.Equals(labels[i], text, StringComparison.OrdinalIgnoreCase)) return i;
        if (int.TryParse(text, out var index) && index >= 0 && index < labels.Count) return index;
        var close = labels.Where(l => text.Length > 0 && l.Contains(text, StringComparison.OrdinalIgnoreCase)).Take(5).ToArray();
        throw new UnknownLabelException($"Model '{modelId}' has no class '{label}'." +
            (close.Length > 0 ? $" Did you mean: {string.Join(", ", close)}?" : $" It has {labels.Count} classes; see its labels file."));
    }
}
