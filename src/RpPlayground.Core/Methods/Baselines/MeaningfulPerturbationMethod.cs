using RpPlayground.Core.Methods.Masks;
using RpPlayground.Core.Models;
using RpPlayground.Core.Substrates;
using RpPlayground.Core.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>
/// Meaningful Perturbation (Fong and Vedaldi, ICCV 2017), deletion form: a 28x28 mask m (1 keeps a pixel) upsampled
/// bilinearly, optimised by Adam (lr 0.1, 300 iterations) to minimise the target's probability on
/// x_pt = m·x + (1 − m)·blur(x), plus 1e-4·Σ|1 − m| and 1e-2·TV_3(m), with the input jittered by up to 4 pixels each
/// iteration. Only the target counts: the other classes are free to move (the class distortion RP avoids).
/// </summary>
public sealed class MeaningfulPerturbationMethod(MpOptions options) : MaskOptimisationMethod
{
    public const string MethodId = "mp";

    public static MethodDescriptor Descriptor { get; } = new MethodDescriptor<MpOptions>(MethodId, "Meaningful Perturbation (Fong and Vedaldi, ICCV 2017)", MethodKind.MaskOptimising,
        MpOptions.For, (o, _) => new MeaningfulPerturbationMethod(o))
    {
        Map = MapMeaning.Removed, Pictures = PerturbedPictures.Perturbed,
        Steps = MethodSteps.Of<MpOptions>("iterations", MpOptions.DefaultIterations, 5000, o => o.Iterations, (o, n) => o with { Iterations = n }),
    };

    public override string Id => MethodId;

    public override string Name => Descriptor.Name;

    protected override int Iterations => options.Iterations;

    protected override PerturbedPictures Pictures => Descriptor.Pictures;

    protected override IEnumerable<string> Problems(ImageClassifier classifier) => options.Problems(ModelFacts.Of(classifier));

    protected internal override MaskRun Start(ExplanationRequest request, Tensor x, float[] original)
    {
        var classifier = request.Classifier;
        var generator = new Generator((ulong)request.Seed, classifier.Device);
        var blurred = Substrate.Create(x, new SubstrateOptions { Kind = SubstrateKind.Gaussian, Sigma = options.BlurSigma }, generator).detach();
        var nonTargets = Enumerable.Range(0, original.Length).Where(c => c != request.Target).ToArray();
        var mask = new Parameter(ones(new long[] { 1, 1, options.Grid, options.Grid }, device: classifier.Device), requires_grad: true);
        return new MpRun(new SubstratePerturbation(x, blurred), mask, new AdamOptimiser([mask], options.LearningRate), nonTargets, options, request.Target, new Random(request.Seed), classifier.InputSize);
    }

    sealed class MpRun(Perturbation perturbation, Parameter mask, Optimiser optimiser, IReadOnlyList<int> nonTargets,
        MpOptions options, int target, Random random, int size) : MaskRun(perturbation, mask, optimiser, nonTargets)
    {
        public override Tensor Keep(Tensor mask) => MaskGrid.Upsample(mask, size);

        public override Tensor Images(Tensor keep, int iteration)
        {
            var (dy, dx) = (random.Next(-options.Jitter, options.Jitter + 1), random.Next(-options.Jitter, options.Jitter + 1));
            return Perturbation.Apply(keep).roll([dy, dx], [2, 3]);
        }

        public override MaskScore Score(Tensor logits, Tensor probabilities, Tensor keep) => new(
        [
            ("target", probabilities[0, target]),
            ("area", MaskRegularisers.Removed(keep).sum().Times(options.L1)),
            ("smoothness", MaskRegularisers.TotalVariation(Mask, options.Beta).Times(options.Tv)),
        ], probabilities[0], null);

        public override Tensor Map(Tensor keep) => Mask.OneMinus();
    }
}
