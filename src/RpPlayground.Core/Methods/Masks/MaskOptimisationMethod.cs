using System.Diagnostics;
using System.Runtime.CompilerServices;
using RpPlayground.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Masks;

/// <summary>
/// The loop every mask-optimising method (RP, MP, EP) shares: check the request and options, score the original
/// image, then each iteration make the perturbed images, run the network, score, step the optimiser, clamp the mask
/// to [0, 1] and yield a frame; last, a clean frame of the final mask on x_pt and x_rpt without noise or jitter. A method
/// supplies its options' problems and a <see cref="MaskRun"/>; every iteration runs in its own dispose scope.
/// </summary>
public abstract class MaskOptimisationMethod : IExplanationMethod
{
    // The clamp's bounds as Scalars that live as long as the process: an implicit Scalar made from a literal for each
    // call can be finalized while LibTorch still reads it (suspected in a rare NaN mask; see README).
    static readonly Scalar Zero = 0.0, One = 1.0;

    public abstract string Id { get; }

    public abstract string Name { get; }

    /// <summary>How many optimiser steps a run takes.</summary>
    protected abstract int Iterations { get; }

    /// <summary>The problems with the method's options for this classifier, as sentences.</summary>
    protected abstract IEnumerable<string> Problems(ImageClassifier classifier);

    /// <summary>Sets up one run, inside its dispose scope: <paramref name="x"/> is the image, <paramref name="original"/> its probabilities.</summary>
    protected internal abstract MaskRun Start(ExplanationRequest request, Tensor x, float[] original);

    public async IAsyncEnumerable<Frame> RunAsync(ExplanationRequest request, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        request.Validate();
        var classifier = request.Classifier;
        var problems = Problems(classifier).ToArray();
        if (problems.Length > 0) throw new ArgumentException(string.Join(" ", problems));
        await Task.CompletedTask;  // runs on the caller's thread: see IExplanationMethod

        var clock = Stopwatch.StartNew();
        using var scope = NewDisposeScope();
        var x = request.Pixels.detach();
        var original = classifier.ProbabilitiesOf(x);
        using var run = Start(request, x, original);
        var scorer = new FrameScorer(classifier, original, request.Target, request.ExtraTracked, run.NonTargets);
        for (var iteration = 1; iteration <= Iterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            Frame frame;
            using (var step = NewDisposeScope())
            {
                var keep = run.Keep(run.Mask);
                var logits = classifier.Logits(run.Images(keep, iteration));
                var score = run.Score(logits, classifier.Probabilities(logits), keep);
                var total = Total(score.Terms);
                run.Optimizer.zero_grad();
                total!.backward();
                run.Optimizer.step();
                using (no_grad()) run.Mask.clamp_(Zero, One);
                frame = NewFrame(iteration, run.Map(keep), score.Terms, total, scorer, score.Perturbed, score.Reversed, clean: false, clock);
            }
            run.Stepped();
            yield return frame;
        }

        // A last, clean look at the final mask: no noise or jitter, on x_pt and x_rpt, for the scores people compare.
        using (var last = NewDisposeScope())
        using (no_grad())
        {
            var keep = run.Keep(run.Mask);
            var probabilities = classifier.Probabilities(classifier.Logits(run.Perturbation.Both(keep)));
            var terms = run.CleanTerms(probabilities[0], probabilities[1]);
            yield return NewFrame(Iterations, run.Map(keep), terms, Total(terms), scorer, probabilities[0], probabilities[1], clean: true, clock);
        }
    }

    static Tensor? Total(IReadOnlyList<(string Name, Tensor Value)> terms) => terms.Count == 0 ? null : terms.Select(t => t.Value).Aggregate((a, b) => a + b);

    Frame NewFrame(int iteration, Tensor map, IReadOnlyList<(string Name, Tensor Value)> terms, Tensor? total, FrameScorer scorer,
        Tensor perturbed, Tensor? reversed, bool clean, Stopwatch clock)
    {
        var loss = terms.ToDictionary(t => t.Name, t => (double)t.Value.item<float>());
        if (total is not null) loss["total"] = total.item<float>();
        var p = MaskGrid.ToArray(perturbed);
        var r = reversed is null ? Enumerable.Repeat(float.NaN, p.Length).ToArray() : MaskGrid.ToArray(reversed);
        return new Frame
        {
            Iteration = iteration, Iterations = Iterations, Map = MaskGrid.ToArray(map), MapWidth = (int)map.shape[3], MapHeight = (int)map.shape[2], Loss = loss,
            Classes = scorer.Track(p, r), Distortion = scorer.Score(p, r), Clean = clean, ElapsedMs = clock.Elapsed.TotalMilliseconds,
        };
    }
}
