namespace RpPlayground.Core.Methods;

/// <summary>Class distortion scores from per-class probabilities (see <see cref="DistortionScores"/>).</summary>
public static class ClassDistortion
{
    /// <summary>The authors' ε in their Bernoulli KL.</summary>
    public const double Epsilon = 1e-7;

    /// <summary>KL(Bernoulli(p) || Bernoulli(q)), with both clamped to [ε, 1 − ε].</summary>
    public static double BernoulliKl(double p, double q)
    {
        p = Math.Clamp(p, Epsilon, 1 - Epsilon);
        q = Math.Clamp(q, Epsilon, 1 - Epsilon);
        return p * Math.Log(p / q) + (1 - p) * Math.Log((1 - p) / (1 - q));
    }

    /// <summary>log(p / (1 − p)), with p clamped to [ε, 1 − ε].</summary>
    public static double LogOdds(double p)
    {
        p = Math.Clamp(p, Epsilon, 1 - Epsilon);
        return Math.Log(p / (1 - p));
    }

    /// <summary>Slides' CDS: the target's drop in log-odds minus the mean absolute log-odds change of the non-targets.</summary>
    public static double Slides(float[] original, float[] perturbed, int target, IReadOnlyList<int> nonTargets) =>
        LogOdds(original[target]) - LogOdds(perturbed[target]) - NonTargetShift(original, perturbed, nonTargets);

    /// <summary>The mean absolute change in log-odds of the non-targets.</summary>
    public static double NonTargetShift(float[] original, float[] perturbed, IReadOnlyList<int> nonTargets) =>
        nonTargets.Average(c => Math.Abs(LogOdds(original[c]) - LogOdds(perturbed[c])));

    /// <summary>The code's CDS: ln(KL_T / KL_NT + 1), KL_NT the mean over non-targets.</summary>
    public static double Code(float[] original, float[] perturbed, int target, IReadOnlyList<int> nonTargets)
    {
        var targetKl = BernoulliKl(original[target], perturbed[target]);
        var nonTargetKl = nonTargets.Average(c => BernoulliKl(original[c], perturbed[c]));
        return Math.Log(targetKl / Math.Max(nonTargetKl, Epsilon) + 1);
    }

    /// <summary>All three scores for one step.</summary>
    public static DistortionScores Score(float[] original, float[] perturbed, float[] reversed, int target, IReadOnlyList<int> nonTargets) => new(
        Slides(original, perturbed, target, nonTargets),
        Code(original, perturbed, target, nonTargets),
        Code(original, reversed, target, nonTargets),
        NonTargetShift(original, perturbed, nonTargets));
}
