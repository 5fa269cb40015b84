using System.Diagnostics;
using System.Runtime.CompilerServices;
using RpPlayground.Core.Substrates;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>
/// Meaningful Perturbation (Fong and Vedaldi, ICCV 2017), deletion form: a 28x28 mask m (1 keeps a pixel) upsampled
/// bilinearly, optimised by Adam (lr 0.1, 300 iterations) to minimise the target's probability on
/// x_pt = m·x + (1 − m)·blur(x), plus 1e-4·Σ|1 − m| and 1e-2·TV_3(m), with the input jittered by up to 4 pixels each
/// iteration. Only the target counts: the other classes are free to move (the class distortion RP avoids).
/// </summary>
public sealed class MeaningfulPerturbationMethod(SubstrateOptions substrate, int iterations = 300, int grid = 28,
    double learningRate = 0.1, double l1 = 1e-4, double tv = 1e-2, double beta = 3, int jitter = 4) : IExplanationMethod
{
    public string Id => "mp";

    public string Name => "Meaningful Perturbation (Fong and Vedaldi, ICCV 2017)";

    public async IAsyncEnumerable<Frame> RunAsync(ExplanationRequest request, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        request.Validate();
        if (iterations < 1 || grid < 2) throw new ArgumentException("Meaningful Perturbation needs at least one iteration and a grid of at least 2.");
        await Task.CompletedTask;
        var clock = Stopwatch.StartNew();
        var classifier = request.Classifier;
        var size = classifier.InputSize;
        var cells = Math.Min(grid, size);
        using var run = NewDisposeScope();
        var generator = new Generator((ulong)request.Seed, classifier.Device);
        var random = new Random(request.Seed);
        var x = request.Pixels.detach();
        var blurred = Substrate.Create(x, substrate, generator).detach();
        var original = PerturbationScores.Of(classifier, x);
        var scorer = new FrameScorer(classifier, original, request.Target, request.ExtraTracked,
            Enumerable.Range(0, original.Length).Where(c => c != request.Target).ToArray());
        var mask = new TorchSharp.Modules.Parameter(ones(new long[] { 1, 1, cells, cells }, device: classifier.Device), requires_grad: true);
        using var optimizer = optim.Adam([mask], learningRate);
        var noReversal = Enumerable.Repeat(float.NaN, original.Length).ToArray();
        for (var iteration = 1; iteration <= iterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            Frame frame;
            using (var step = NewDisposeScope())
            {
                var m = MaskGrid.Upsample(mask, size);
                var perturbed = m * x + (1 - m) * blurred;
                var (dy, dx) = (random.Next(-jitter, jitter + 1), random.Next(-jitter, jitter + 1));
                var probabilities = classifier.Probabilities(classifier.Logits(perturbed.roll([dy, dx], [2, 3])))[0];
                var terms = new List<(string Name, Tensor Value)>
                {
                    ("target", probabilities[request.Target]),
                    ("area", l1 * (1 - m).abs().sum()),
                    ("smoothness", tv * Methods.RobustPerturbation.RpLoss.TotalVariation(mask, beta)),
                };
                var total = terms.Select(t => t.Value).Aggregate((a, b) => a + b);
                MaskFrames.Step(optimizer, total, mask);
                var values = MaskGrid.ToArray(probabilities.detach());
                frame = MaskFrames.Create(iteration, iterations, MaskGrid.ToArray(1 - mask), cells, cells, terms, total, scorer, values, noReversal, false, clock);
            }
            yield return frame;
        }
        using (var last = NewDisposeScope())
        {
            var (perturbed, reversed) = PerturbationScores.Measure(classifier, x, blurred, MaskGrid.Upsample(mask.detach(), size));
            yield return MaskFrames.Create(iterations, iterations, MaskGrid.ToArray(1 - mask), cells, cells, [], null, scorer, perturbed, reversed, true, clock);
        }
    }
}
