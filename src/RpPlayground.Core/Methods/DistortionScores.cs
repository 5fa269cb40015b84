namespace RpPlayground.Core.Methods;

/// <summary>
/// The two published forms of the Class Distortion Score, and the reverse score on the reversed-perturbed image.
/// Slides: <c>Δ_T log-odds − mean over non-targets of |Δ log-odds|</c> (higher: the target changed, the rest did not).
/// Authors' code: <c>ln(KL_T / KL_NT + 1)</c> with per-class Bernoulli KL (higher is better). Reverse: the code's form on
/// x_rpt (lower: the reversed mask brought the target back without lighting up other classes).
/// <see cref="NonTargetShift"/> is the mean |Δ log-odds| of the non-targets on x_pt: the distortion itself.
/// </summary>
public sealed record DistortionScores(double Slides, double Code, double Reverse, double NonTargetShift);
