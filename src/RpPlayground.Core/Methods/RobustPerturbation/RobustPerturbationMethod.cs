using RpPlayground.Core.Methods.Masks;
using RpPlayground.Core.Models;
using RpPlayground.Core.Substrates;
using RpPlayground.Core.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>
/// Robust Perturbation (Kim, Kim, Kim, Ro, IEEE TIP 2022): optimises a mask m so that the target's prediction changes
/// on x_pt = m·x + (1 − m)·x_r while the other classes' stay put, and the target comes back on the reversed
/// x_rpt = (1 − m)·x + m·x_r. Both perturbed images go through the network as one batch of two, with Gaussian noise
/// added; the mask starts at 0 and Adam steps it. The explanation is 1 − m. The switches are read every iteration.
/// </summary>
public sealed class RobustPerturbationMethod(RpOptions options, RpLiveSwitches switches) : MaskOptimisationMethod
{
    public const string MethodId = "rp";

    public static MethodDescriptor Descriptor { get; } = new MethodDescriptor<RpOptions>(MethodId, "Robust Perturbation (Kim et al., IEEE TIP 2022)", MethodKind.MaskOptimising,
        RpOptions.For, (o, live) => new RobustPerturbationMethod(o, live ?? new RpLiveSwitches(o.Switches)))
    {
        HasLiveSwitches = true, Map = MapMeaning.Removed, Pictures = PerturbedPictures.PerturbedAndReversed,
        Steps = MethodSteps.Of<RpOptions>("iterations", new RpOptions().Iterations, 5000, o => o.Iterations, (o, n) => o with { Iterations = n }),
    };

    public override string Id => MethodId;

    public override string Name => Descriptor.Name;

    protected override int Iterations => options.Iterations;

    protected override PerturbedPictures Pictures => Descriptor.Pictures;

    protected override IEnumerable<string> Problems(ImageClassifier classifier) => options.Problems(ModelFacts.Of(classifier));

    protected internal override MaskRun Start(ExplanationRequest request, Tensor x, float[] original)
    {
        var classifier = request.Classifier;
        var device = classifier.Device;
        var grid = options.MaskResolution == 0 ? classifier.InputSize : options.MaskResolution;
        var generator = new Generator((ulong)request.Seed, device);
        var substrate = Substrate.Create(x, options.Substrate, generator).detach();
        var nonTargets = NonTargets(original, request.Target, options.NonTargetTopK);
        var objective = new RpObjective(tensor(original, device: device), request.Target, nonTargets, options.Divergence, options.TvBeta);
        var mask = new Parameter(zeros(new long[] { 1, 1, grid, grid }, device: device), requires_grad: true);
        return new RpRun(new SubstratePerturbation(x, substrate), mask, new AdamOptimiser([mask], options.LearningRate), nonTargets, objective, options, switches, generator, classifier.InputSize);
    }

    /// <summary>All other classes, or the original's <paramref name="topK"/> most probable other classes.</summary>
    public static IReadOnlyList<int> NonTargets(float[] original, int target, int topK)
    {
        var others = Enumerable.Range(0, original.Length).Where(c => c != target);
        return (topK > 0 ? others.OrderByDescending(c => original[c]).Take(topK) : others).ToArray();
    }

    sealed class RpRun(Perturbation perturbation, Parameter mask, Optimiser optimiser, IReadOnlyList<int> nonTargets,
        RpObjective objective, RpOptions options, RpLiveSwitches switches, Generator generator, int size) : MaskRun(perturbation, mask, optimiser, nonTargets)
    {
        public override Tensor Keep(Tensor mask) => MaskGrid.Upsample(mask, size);

        RpSwitches weights = switches.Used;

        public override int ImagesPerStep => 2;

        public override Tensor Images(Tensor keep, int iteration)
        {
            weights = switches.At(iteration);
            var batch = Perturbation.Both(keep);
            return options.NoiseSigma > 0 ? batch.Plus(randn(batch.shape, device: batch.device, generator: generator).Times(options.NoiseSigma)) : batch;
        }

        public override MaskScore Score(Tensor logits, Tensor probabilities, Tensor keep) =>
            new(objective.Terms(probabilities[0], probabilities[1], Mask, weights), probabilities[0], probabilities[1]);

        public override Tensor Map(Tensor keep) => Mask.OneMinus();

        public override IReadOnlyList<(string Name, Tensor Value)> CleanTerms(Tensor perturbed, Tensor reversed) =>
            objective.Terms(perturbed, reversed, Mask, weights);
    }
}
