using RpPlayground.Core.Methods.Masks;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>
/// Extremal Perturbation (Fong, Patrick, Vedaldi, ICCV 2019), preserve variant: find the mask of area a that keeps the
/// target's logit highest. The mask's parameters live on a grid of step 7; the smooth-max generator
/// (<see cref="SmoothMaxMask"/>, a Gaussian of sigma 21 at 224 pixels, scaled to the input) turns them into the mask,
/// which is upsampled bilinearly and chooses per pixel among 8 blur levels (<see cref="BlurPyramidPerturbation"/>,
/// sigma 0 to 20 at 224 pixels). The area constraint compares the sorted mask with a step of a·N ones, weighted 300 and
/// growing 0.35 % per iteration; SGD, lr 0.01, momentum 0.9, 800 iterations (<see cref="EpOptions"/>).
/// </summary>
public sealed class ExtremalPerturbationMethod(EpOptions options) : MaskOptimisationMethod
{
    public const string MethodId = "ep";

    public static MethodDescriptor Descriptor { get; } = new MethodDescriptor<EpOptions>(MethodId, "Extremal Perturbation (Fong et al., ICCV 2019)", MethodKind.MaskOptimising,
        _ => EpOptions.Paper, (o, _) => new ExtremalPerturbationMethod(o))
    {
        Map = MapMeaning.Kept, Pictures = PerturbedPictures.Perturbed, Reader = EpOptions.Read,
        Steps = MethodSteps.Of<EpOptions>("iterations", EpOptions.DefaultIterations, 5000, o => o.Iterations, (o, n) => o with { Iterations = n }),
    };

    public override string Id => MethodId;

    public override string Name => Descriptor.Name;

    protected override int Iterations => options.Iterations;

    protected override PerturbedPictures Pictures => Descriptor.Pictures;

    protected override IEnumerable<string> Problems(ImageClassifier classifier) => options.Problems(ModelFacts.Of(classifier));

    protected internal override MaskRun Start(ExplanationRequest request, Tensor x, float[] original)
    {
        var classifier = request.Classifier;
        var size = classifier.InputSize;
        var scale = size / 224.0;
        var cells = (size + options.Step - 1) / options.Step;
        var perturbation = new BlurPyramidPerturbation(x, options.Levels, 20 * scale);
        var generator = new SmoothMaxMask(21 * scale / options.Step, classifier.Device);  // sigma 21 px at 224, in grid cells
        var nonTargets = Enumerable.Range(0, original.Length).Where(c => c != request.Target).ToArray();
        var reference = zeros(size * size, device: classifier.Device);
        reference[(int)(size * size * (1 - options.Area))..] = tensor(1f);
        var mask = new Parameter(ScalarOps.Filled([1, 1, cells, cells], (float)options.InitialValue, classifier.Device), requires_grad: true);
        var optimiser = new SgdOptimiser([mask], options.LearningRate, options.Momentum, options.Dampening);
        return new EpRun(perturbation, mask, optimiser, nonTargets, options, generator, reference, request.Target, size);
    }

    sealed class EpRun(Perturbation perturbation, Parameter mask, Optimiser optimiser, IReadOnlyList<int> nonTargets,
        EpOptions options, SmoothMaxMask generator, Tensor reference, int target, int size) : MaskRun(perturbation, mask, optimiser, nonTargets)
    {
        double weight = options.Regularisation;

        public override Tensor Keep(Tensor mask) => MaskGrid.Upsample(generator.Generate(mask), size).clamp(ScalarOps.Zero, ScalarOps.One);

        public override Tensor Images(Tensor keep, int iteration)
        {
            var perturbed = Perturbation.Apply(keep);
            return options.FlipJitter && iteration % 2 == 1 ? perturbed.flip(3) : perturbed;
        }

        public override MaskScore Score(Tensor logits, Tensor probabilities, Tensor keep) => new(
        [
            ("target", -logits[0, target]),
            ("area", (keep.flatten().sort().Values - reference).pow(ScalarOps.Two).mean().Times(weight)),
        ], probabilities[0], null);

        public override Tensor Map(Tensor keep) => keep;

        public override Tensor Mapped(Tensor keep) => keep;

        public override void Stepped() => weight *= options.Growth;
    }
}
