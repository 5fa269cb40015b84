using System.Diagnostics;
using RpPlayground.Core.Images;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Masks;

/// <summary>
/// One mask-optimising run, advanced one iteration at a time by whoever drives it: alone
/// (<see cref="MaskOptimisationMethod.RunAsync"/>) or in a round with other runs on the same classifier
/// (<see cref="MaskRound"/>), with the same frames either way. It owns its tensors (image, substrate, mask, optimiser
/// state) outside any dispose scope, so runs can join and leave a round in any order; <see cref="Dispose"/> frees them.
/// </summary>
public sealed class MaskStepper : IDisposable
{
    readonly MaskRun run;
    readonly FrameScorer scorer;
    readonly IReadOnlyList<IDisposable> owned;
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly PerturbedPictures pictures;
    Tensor? keep, images;
    MaskScore? score;
    float totalLoss;

    internal MaskStepper(ExplanationRequest request, int iterations, PerturbedPictures pictures, Func<ExplanationRequest, Tensor, float[], MaskRun> start)
    {
        Classifier = request.Classifier;
        Iterations = iterations;
        this.pictures = pictures;
        using var scope = NewDisposeScope();
        var x = request.Pixels.detach();
        var original = Classifier.ProbabilitiesOf(x);
        run = start(request, x, original);
        scorer = new FrameScorer(Classifier, original, request.Target, request.ExtraTracked, run.NonTargets);
        owned = scope.DisposablesView.ToArray();
        scope.Detach(owned);
    }

    public ImageClassifier Classifier { get; }

    /// <summary>Iterations done so far.</summary>
    public int Iteration { get; private set; }

    public int Iterations { get; }

    /// <summary>Whether every iteration is done (only the clean frame is left).</summary>
    public bool Done => Iteration >= Iterations;

    /// <summary>How many images an iteration sends through the network (RP: x_pt and x_rpt).</summary>
    public int ImagesPerStep => run.ImagesPerStep;

    /// <summary>This iteration's network input, [B, 3, S, S], in the mask's autograd graph (in the caller's scope).</summary>
    internal Tensor Images()
    {
        keep = run.Keep(run.Mask);
        return images = run.Images(keep, Iteration + 1);
    }

    /// <summary>Scores the network's answer on <see cref="Images"/> and returns the total loss; throws if it is not finite.</summary>
    internal Tensor Score(Tensor logits, Tensor probabilities)
    {
        score = run.Score(logits, probabilities, keep!);
        var total = ScalarOps.Sum(score.Terms.Select(t => t.Value));
        var value = totalLoss = total.item<float>();  // read once: the check here, the frame's "total" after the step
        if (!float.IsFinite(value))
        {
            var first = new[] { ("the mask", (Tensor)run.Mask), ("the perturbed images", images!), ("the model's output", logits), ("the probabilities", probabilities) }
                .Concat(score.Terms.Select(t => ($"the {t.Name} term", t.Value)))
                .FirstOrDefault(t => !t.Item2.isfinite().all().item<bool>()).Item1 ?? "the sum of the terms";
            throw new InvalidRequestException($"The loss is {value} at iteration {Iteration + 1}: {first} first became infinite or not a number.");
        }
        return total;
    }

    internal void ZeroGrad() => run.Optimiser.ZeroGrad();

    /// <summary>After the loss's backward pass: steps the optimiser, clamps the mask to [0, 1] and returns the iteration's frame.</summary>
    internal Frame Step()
    {
        run.Optimiser.Step();
        using (no_grad()) run.Mask.clamp_(ScalarOps.Zero, ScalarOps.One);
        Iteration++;
        var frame = NewFrame(keep!, score!.Terms, totalLoss, score.Perturbed, score.Reversed, clean: false);
        (keep, images, score) = (null, null, null);
        run.Stepped();
        return frame;
    }

    /// <summary>A last, clean look at the final mask: no noise or jitter, on x_pt and x_rpt, for the scores people compare.</summary>
    public Frame CleanFrame()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var final = run.Keep(run.Mask);
        var probabilities = Classifier.Probabilities(Classifier.Logits(run.Perturbation.Both(final)));
        var terms = run.CleanTerms(probabilities[0], probabilities[1]);
        var total = terms.Count == 0 ? (float?)null : ScalarOps.Sum(terms.Select(t => t.Value)).item<float>();
        return NewFrame(final, terms, total, probabilities[0], probabilities[1], clean: true);
    }

    // The frame of the mask `keep` (m at the input's resolution): its map, scores and, when due, its pictures.
    Frame NewFrame(Tensor keep, IReadOnlyList<(string Name, Tensor Value)> terms, float? total, Tensor perturbed, Tensor? reversed, bool clean)
    {
        var map = run.Map(keep);
        var loss = terms.ToDictionary(t => t.Name, t => (double)t.Value.item<float>());
        if (total is { } sum) loss["total"] = sum;
        var p = MaskGrid.ToArray(perturbed);
        var r = reversed is null ? Enumerable.Repeat(float.NaN, p.Length).ToArray() : MaskGrid.ToArray(reversed);
        return new Frame
        {
            Iteration = Iteration, Iterations = Iterations, Map = MaskGrid.ToArray(map), MapWidth = (int)map.shape[3], MapHeight = (int)map.shape[2], Loss = loss,
            Classes = scorer.Track(p, r), Distortion = scorer.Score(p, r), Clean = clean, ElapsedMs = clock.Elapsed.TotalMilliseconds,
            Pictures = clean || FramePictures.For(Iteration, Iterations) ? Pictures(run.Mapped(keep)) : null,
        };
    }

    // x_pt (and x_rpt) as the method's perturbation makes them of the mask the map shows, no noise or jitter; null for no pictures.
    FramePictures? Pictures(Tensor keep)
    {
        if (pictures == PerturbedPictures.None) return null;
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var mask = keep.detach();
        return new FramePictures(RgbPicture.Of(run.Perturbation.Apply(mask), FramePictures.Side),
            pictures == PerturbedPictures.PerturbedAndReversed ? RgbPicture.Of(run.Perturbation.ApplyReversed(mask), FramePictures.Side) : null);
    }

    public void Dispose()
    {
        run.Dispose();
        foreach (var item in owned) item.Dispose();
    }
}
