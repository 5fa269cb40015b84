using System.Globalization;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Web.Components.Playground;

/// <summary>
/// Class distortion as the playground points it out: the non-target classes that rose on x_pt, and, when the non-target
/// term is on at a weight too small to undo a distortion that already happened, the weight that does. Measured on the
/// gallery's boat (world model, term off, switched on at iteration 50; <c>VanishExperiment</c>): at weight 1 cloud
/// stays at 0.96–0.97 to the end, at weight 7 it falls from 0.98 to 0.06 within ten iterations; restarting Adam at the
/// change made no difference. The reason is the output's slope: near 1 a sigmoid or softmax probability barely
/// responds to the mask (p(1 − p) is 0.02 at 0.98, against 0.06 where cloud started), so the term's pull is several
/// times weaker than it was before the class rose.
/// </summary>
public static class DistortionAdvice
{
    /// <summary>A non-target whose x_pt probability rose by this much is marked as distortion.</summary>
    public const double Rise = 0.3;

    /// <summary>The weight that undid the measured distortions within about ten iterations.</summary>
    public const double SuggestedWeight = 7;

    /// <summary>
    /// The first iterations of a mask that starts at 0: the whole image is replaced, so other classes can read high on
    /// x_pt (cloud 54–99.8 % on the boat even with the term on) before the mask has grown back anything. Not distortion yet.
    /// </summary>
    public const int WarmUpIterations = 5;

    /// <summary>Whether the frame is one of the warm-up iterations of an iterating method (not the clean result).</summary>
    public static bool IsWarmUp(Frame frame) => !frame.Clean && frame.Iterations > WarmUpIterations && frame.Iteration <= WarmUpIterations;

    /// <summary>Whether a non-target rose by <see cref="Rise"/> or more on x_pt in this frame (never during warm-up).</summary>
    public static bool HasRisen(Frame frame, ClassTrack track) => !IsWarmUp(frame) && !track.IsTarget && track.Perturbed - track.Original >= Rise;

    /// <summary>Advice when the term is on below <see cref="SuggestedWeight"/> while a class that rose sits near 1; else null.</summary>
    public static string? For(Frame? frame, RpSwitches switches)
    {
        if (frame is null || !switches.NonTarget || switches.NonTargetWeight >= SuggestedWeight) return null;
        var risen = frame.Classes.Where(c => HasRisen(frame, c) && c.Perturbed >= 0.8).OrderByDescending(c => c.Perturbed - c.Original).FirstOrDefault();
        if (risen is null) return null;
        string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        return $"{risen.Label} has risen from {F(risen.Original)} to {F(risen.Perturbed)} on x_pt. Near 1 its probability barely responds to the mask " +
            $"(slope p(1 − p) = {F(risen.Perturbed * (1 - risen.Perturbed))}), so the non-target term at weight {switches.NonTargetWeight.ToString(CultureInfo.InvariantCulture)} " +
            $"pulls it back only weakly. At weight {SuggestedWeight.ToString(CultureInfo.InvariantCulture)} it falls back within about ten iterations.";
    }
}
