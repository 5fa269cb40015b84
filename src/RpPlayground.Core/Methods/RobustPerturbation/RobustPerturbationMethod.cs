using System.Diagnostics;
using System.Runtime.CompilerServices;
using RpPlayground.Core.Substrates;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>
/// Robust Perturbation (Kim, Kim, Kim, Ro, IEEE TIP 2022): optimises a mask m so that the target's prediction changes
/// on x_pt = m·x + (1 − m)·x_r while the other classes' stay put, and the target comes back on the reversed
/// x_rpt = (1 − m)·x + m·x_r. Both perturbed images go through the network as one batch of two. The explanation is 1 − m.
/// </summary>
public sealed class RobustPerturbationMethod(RpOptions options, RpLiveSwitches switches) : IExplanationMethod
{
    public string Id => "rp";

    public string Name => "Robust Perturbation (Kim et al., IEEE TIP 2022)";

    public async IAsyncEnumerable<Frame> RunAsync(ExplanationRequest request, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        request.Validate();
        var classifier = request.Classifier;
        var problems = options.Problems(classifier.InputSize, classifier.Labels.Count).ToArray();
        if (problems.Length > 0) throw new ArgumentException(string.Join(" ", problems));
        await Task.CompletedTask;  // runs on the caller's thread: see IExplanationMethod

        var clock = Stopwatch.StartNew();
        var device = classifier.Device;
        var size = classifier.InputSize;
        var grid = options.MaskResolution == 0 ? size : options.MaskResolution;
        using var run = NewDisposeScope();
        var generator = new Generator((ulong)request.Seed, device);
        var x = request.Pixels.detach();
        var substrate = Substrate.Create(x, options.Substrate, generator).detach();
        var difference = (x - substrate).detach();  // x_pt = x_r + m·(x − x_r), x_rpt = x − m·(x − x_r): one product a step
        var originalValues = PerturbationScores.Of(classifier, x);
        var original = tensor(originalValues, device: device);
        var nonTargetIndices = NonTargets(originalValues, request.Target, options.NonTargetTopK);
        var nonTargets = tensor(nonTargetIndices.Select(c => (long)c).ToArray(), device: device);
        var scorer = new FrameScorer(classifier, originalValues, request.Target, request.ExtraTracked, nonTargetIndices);

        var mask = new TorchSharp.Modules.Parameter(zeros(new long[] { 1, 1, grid, grid }, device: device), requires_grad: true);
        using var optimizer = optim.Adam([mask], options.LearningRate);
        for (var iteration = 1; iteration <= options.Iterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            Frame frame;
            using (var step = NewDisposeScope())
            {
                var weights = switches.Current;
                var change = MaskGrid.Upsample(mask, size) * difference;
                var batch = cat([substrate + change, x - change], 0);
                if (options.NoiseSigma > 0)
                    batch = batch + options.NoiseSigma * randn(batch.shape, device: device, generator: generator);
                var probabilities = classifier.Probabilities(classifier.Logits(batch));
                var terms = RpLoss.Terms(original, probabilities[0], probabilities[1], mask, request.Target, nonTargets, weights, options.Divergence, options.TvBeta);
                var total = terms.Select(t => t.Value).Aggregate((a, b) => a + b);
                MaskFrames.Step(optimizer, total, mask);
                var values = MaskGrid.ToArray(probabilities.detach());
                frame = MakeFrame(iteration, mask, terms, total, scorer, values[..originalValues.Length], values[originalValues.Length..], clean: false, clock);
            }
            yield return frame;
        }

        // A last, clean look at the final mask: no noise, for the scores people compare.
        Frame final;
        using (var last = NewDisposeScope())
        using (no_grad())
        {
            var (perturbed, reversed) = PerturbationScores.Measure(classifier, x, substrate, MaskGrid.Upsample(mask, size));
            var terms = RpLoss.Terms(original, tensor(perturbed, device: device), tensor(reversed, device: device), mask, request.Target, nonTargets, switches.Current, options.Divergence, options.TvBeta);
            var total = terms.Select(t => t.Value).Aggregate((a, b) => a + b);
            final = MakeFrame(options.Iterations, mask, terms, total, scorer, perturbed, reversed, clean: true, clock);
        }
        yield return final;
    }

    Frame MakeFrame(int iteration, Tensor mask, IReadOnlyList<(string Name, Tensor Value)> terms, Tensor total, FrameScorer scorer,
        float[] perturbed, float[] reversed, bool clean, Stopwatch clock) =>
        MaskFrames.Create(iteration, options.Iterations, MaskGrid.ToArray(1 - mask), (int)mask.shape[3], (int)mask.shape[2], terms, total, scorer, perturbed, reversed, clean, clock);

    /// <summary>All other classes, or the original's <paramref name="topK"/> most probable other classes.</summary>
    public static IReadOnlyList<int> NonTargets(float[] original, int target, int topK)
    {
        var others = Enumerable.Range(0, original.Length).Where(c => c != target);
        return (topK > 0 ? others.OrderByDescending(c => original[c]).Take(topK) : others).ToArray();
    }
}
