using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using static TorchSharp.torch;

namespace RpPlayground.Core.World;

/// <summary>
/// The seed's two claims on built-in scenes: the non-target term reduces class distortion (mean |Δ log-odds| of the
/// non-targets on x_pt, term on against off), and the reversed-mask term improves the reverse CDS (on against off).
/// Same scenes, seed and iterations for each pair; the target is each scene's first object; pointing game on the side.
/// </summary>
public static class DistortionExperiment
{
    /// <param name="WorstOn">The largest |Δp| of a tracked non-target (the original's top five) on x_pt, non-target term on.</param>
    /// <param name="WorstOff">The same with the term off.</param>
    public sealed record SceneResult(int Index, string Target, double ShiftOn, double ShiftOff, double WorstOn, double WorstOff,
        double ReverseOn, double ReverseOff, float TargetAfter, bool Hit);

    public static IReadOnlyList<SceneResult> Run(ImageClassifier classifier, RpOptions options, RpSwitches switches, int scenes, int seed,
        Action<SceneResult>? report, CancellationToken cancellation)
    {
        var generator = new SceneGenerator(classifier.InputSize);
        var chosen = Enumerable.Range(0, 100 * scenes).Select(i => (Index: i, Scene: generator.Generate(seed, i)))
            .Where(s => s.Scene.Objects.Select(o => o.ClassIndex).Distinct().Count() >= 2).Take(scenes).ToArray();
        var results = new List<SceneResult>();
        foreach (var (index, scene) in chosen)
        {
            using var scope = NewDisposeScope();
            var x = tensor(scene.Pixels, new long[] { 1, 3, scene.Size, scene.Size }).to(classifier.Device);
            var target = scene.Objects[0].ClassIndex;
            var request = new ExplanationRequest(classifier, x, target, [], 0);
            var on = Final(options, switches, request, cancellation);
            var ntOff = Final(options, switches with { NonTarget = false }, request, cancellation);
            var rmOff = Final(options, switches with { ReversedMask = false }, request, cancellation);
            var map = FrameMaps.Resized(on, scene.Size);
            var peak = Array.IndexOf(map, map.Max());
            var result = new SceneResult(index, scene.Objects[0].Label, on.Distortion!.NonTargetShift, ntOff.Distortion!.NonTargetShift, Worst(on), Worst(ntOff),
                on.Distortion.Reverse, rmOff.Distortion!.Reverse, on.Classes[0].Perturbed, scene.ClassMask(target)[peak]);
            report?.Invoke(result);
            results.Add(result);
        }
        return results;
    }

    static double Worst(Frame frame) => frame.Classes.Where(c => !c.IsTarget).Max(c => Math.Abs(c.Perturbed - c.Original));

    static Frame Final(RpOptions options, RpSwitches switches, ExplanationRequest request, CancellationToken cancellation) =>
        new RobustPerturbationMethod(options, new RpLiveSwitches(switches)).FinalFrame(request, cancellation);
}
