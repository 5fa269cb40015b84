using System.Diagnostics;
using System.Runtime.CompilerServices;
using RpPlayground.Core.Substrates;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>
/// Extremal Perturbation (Fong, Patrick, Vedaldi, ICCV 2019), preserve variant: find the mask of area a that keeps the
/// target's logit highest. The mask's parameters live on a grid of step 7; the smooth-max generator
/// (<see cref="SmoothMaxMask"/>, a Gaussian of sigma 21 at 224 pixels, scaled to the input) turns them into the mask,
/// which is upsampled bilinearly and chooses per pixel among 8 blur levels (sigma 0 to 20 at 224 pixels). The area constraint compares the sorted mask with a step
/// of a·N ones, weighted 300 and growing 0.35 % per iteration; SGD, lr 0.01, momentum 0.9, 800 iterations.
/// </summary>
public sealed class ExtremalPerturbationMethod(double area = 0.1, int iterations = 800, int step = 7, double learningRate = 0.01,
    double momentum = 0.9, double regularisation = 300, double growth = 1.0035, int levels = 8) : IExplanationMethod
{
    public string Id => "ep";

    public string Name => "Extremal Perturbation (Fong et al., ICCV 2019)";

    public async IAsyncEnumerable<Frame> RunAsync(ExplanationRequest request, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        request.Validate();
        if (area is <= 0 or >= 1 || iterations < 1 || step < 1 || levels < 2)
            throw new ArgumentException("Extremal Perturbation needs an area in (0, 1), at least one iteration, a step of at least 1 and two blur levels.");
        await Task.CompletedTask;
        var clock = Stopwatch.StartNew();
        var classifier = request.Classifier;
        var size = classifier.InputSize;
        var scale = size / 224.0;
        var cells = (size + step - 1) / step;
        using var run = NewDisposeScope();
        var x = request.Pixels.detach();
        // Blur pyramid: level 0 is the image, the last the strongest blur.
        var pyramid = stack(Enumerable.Range(0, levels).Select(l => l == 0 ? x : Blur.Gaussian(x, Kernel(20 * scale * l / (levels - 1), size), 20 * scale * l / (levels - 1))).ToArray()).detach();
        var generator = new SmoothMaxMask(21 * scale / step, classifier.Device);  // sigma 21 px at 224, in grid cells
        var original = PerturbationScores.Of(classifier, x);
        var scorer = new FrameScorer(classifier, original, request.Target, request.ExtraTracked,
            Enumerable.Range(0, original.Length).Where(c => c != request.Target).ToArray());
        var reference = zeros(size * size, device: classifier.Device);
        reference[(int)(size * size * (1 - area))..] = tensor(1f);
        var mask = new TorchSharp.Modules.Parameter(full(new long[] { 1, 1, cells, cells }, 0.5f, device: classifier.Device), requires_grad: true);
        using var optimizer = optim.SGD([mask], learningRate, momentum);
        var noReversal = Enumerable.Repeat(float.NaN, original.Length).ToArray();
        var weight = regularisation;
        for (var iteration = 1; iteration <= iterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            Frame frame;
            using (var scope = NewDisposeScope())
            {
                var keep = Smooth(generator, mask, size);
                var perturbed = Blend(pyramid, keep, levels);
                var logits = classifier.Logits(perturbed);
                var areaTerm = weight * (keep.flatten().sort().Values - reference).pow(2).mean();
                var terms = new List<(string Name, Tensor Value)> { ("target", -logits[0, request.Target]), ("area", areaTerm) };
                var total = terms[0].Value + terms[1].Value;
                MaskFrames.Step(optimizer, total, mask);
                var probabilities = MaskGrid.ToArray(classifier.Probabilities(logits.detach())[0]);
                frame = MaskFrames.Create(iteration, iterations, MaskGrid.ToArray(keep), size, size, terms, total, scorer, probabilities, noReversal, false, clock);
            }
            weight *= growth;
            yield return frame;
        }
        using (var last = NewDisposeScope())
        {
            var keep = Smooth(generator, mask.detach(), size);
            var (perturbed, reversed) = PerturbationScores.Measure(classifier, x, pyramid[levels - 1], keep);
            yield return MaskFrames.Create(iterations, iterations, MaskGrid.ToArray(keep), size, size, [], null, scorer, perturbed, reversed, true, clock);
        }
    }

    static Tensor Smooth(SmoothMaxMask generator, Tensor mask, int size) => MaskGrid.Upsample(generator.Generate(mask), size).clamp(0, 1);

    // Each pixel takes the blur level (1 − keep)·(levels − 1), interpolating between the two nearest levels.
    static Tensor Blend(Tensor pyramid, Tensor keep, int levels)
    {
        var position = (1 - keep) * (levels - 1);
        var lower = position.floor().clamp(0, levels - 2);
        var fraction = position - lower;
        var index = lower.to(int64).expand(1, 3, keep.shape[2], keep.shape[3]).unsqueeze(0);
        var below = pyramid.gather(0, index)[0];
        var above = pyramid.gather(0, index + 1)[0];
        return below + fraction * (above - below);
    }

    static int Kernel(double sigma, int size) => 2 * Math.Min((int)Math.Ceiling(2 * sigma), size / 2 - 1) + 1;
}
