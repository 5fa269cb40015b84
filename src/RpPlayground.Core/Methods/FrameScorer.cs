using RpPlayground.Core.Models;

namespace RpPlayground.Core.Methods;

/// <summary>
/// Turns probability vectors into a frame's tracked classes and distortion scores: it holds the original image's
/// probabilities, the target, the tracked classes (target, the original's top five, any extra), and the non-targets.
/// </summary>
public sealed class FrameScorer
{
    readonly ImageClassifier classifier;

    public FrameScorer(ImageClassifier classifier, float[] original, int target, IReadOnlyList<int> extra, IReadOnlyList<int> nonTargets)
    {
        this.classifier = classifier;
        Original = original;
        Target = target;
        NonTargets = nonTargets;
        var top = Enumerable.Range(0, original.Length).Where(c => c != target).OrderByDescending(c => original[c]).Take(5);
        Tracked = new[] { target }.Concat(top).Concat(extra.Where(c => c != target)).Distinct().ToArray();
    }

    /// <summary>Probabilities on the original image.</summary>
    public float[] Original { get; }

    public int Target { get; }

    /// <summary>The classes the distortion scores average over.</summary>
    public IReadOnlyList<int> NonTargets { get; }

    /// <summary>The classes frames report, target first.</summary>
    public IReadOnlyList<int> Tracked { get; }

    /// <summary>The tracked classes' probabilities on x, x_pt and x_rpt.</summary>
    public IReadOnlyList<ClassTrack> Track(float[] perturbed, float[] reversed) => Tracked
        .Select(c => new ClassTrack(c, classifier.Labels[c], c == Target, Original[c], perturbed[c], reversed[c]))
        .ToArray();

    /// <summary>Both CDS forms and the reverse CDS.</summary>
    public DistortionScores Score(float[] perturbed, float[] reversed) => ClassDistortion.Score(Original, perturbed, reversed, Target, NonTargets);
}
