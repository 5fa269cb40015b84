namespace RpPlayground.Core.Models;

/// <summary>A declared model and whether it can be loaded here; <see cref="Problem"/> says why not.</summary>
public sealed record ModelEntry(ModelSpec Spec, string WeightsPath, string LabelsPath, string? Problem)
{
    /// <summary>Whether the model's files are present and its declaration is valid.</summary>
    public bool IsAvailable => Problem is null;

    /// <summary>The class labels from the labels file, one a line, blank lines skipped (no network is loaded).</summary>
    public string[] ReadLabels() => File.ReadAllLines(LabelsPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
}
