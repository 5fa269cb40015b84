using System.Diagnostics;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>
/// RISE (Petsiuk, Das, Saenko, BMVC 2018): N random binary masks on an s x s grid, kept with probability p1,
/// upsampled bilinearly with a random shift; saliency = Σ score·mask / (N·p1), score the target's probability on
/// the masked image (zeros elsewhere). A frame after every batch of masks shows the running estimate.
/// </summary>
public sealed class RiseMethod(RiseOptions options) : IExplanationMethod
{
    public const string MethodId = "rise";

    public static MethodDescriptor Descriptor { get; } = new MethodDescriptor<RiseOptions>(MethodId, "RISE (Petsiuk et al., BMVC 2018)", MethodKind.Sampling,
        _ => new RiseOptions(), (o, _) => new RiseMethod(o))
    {
        Steps = MethodSteps.Of<RiseOptions>("masks", RiseOptions.DefaultMasks, 100_000, o => o.Masks, (o, n) => o with { Masks = n }),
    };

    public string Id => MethodId;

    public string Name => Descriptor.Name;

    public IEnumerable<Frame> Run(ExplanationRequest request, CancellationToken cancellation = default)
    {
        request.Validate();
        var problems = options.Problems(ModelFacts.Of(request.Classifier)).ToArray();
        if (problems.Length > 0) throw new InvalidRequestException(string.Join(" ", problems));
        var (masks, grid, keep, batch) = (options.Masks, options.Grid, options.Keep, options.Batch);
        var clock = Stopwatch.StartNew();
        var classifier = request.Classifier;
        var size = classifier.InputSize;
        var cell = (size + grid - 1) / grid;
        var batches = (masks + batch - 1) / batch;
        using var run = NewDisposeScope();
        using var generator = new Generator((ulong)request.Seed, classifier.Device);
        using var shiftGenerator = new Generator((ulong)request.Seed + 1);
        var saliency = zeros(new long[] { 1, 1, size, size }, device: classifier.Device);
        var x = request.Pixels.detach();
        var done = 0;
        for (var b = 1; b <= batches; b++)
        {
            cancellation.ThrowIfCancellationRequested();
            float[] map;
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var count = Math.Min(batch, masks - done);
                var grids = (rand(new long[] { count, 1, grid, grid }, device: classifier.Device, generator: generator).Below(keep)).to(float32);
                var large = MaskGrid.Upsample(grids, (grid + 1) * cell);
                var shifts = randint(0, cell, new long[] { count, 2 }, device: CPU, generator: shiftGenerator).data<long>().ToArray();
                var windows = stack(Enumerable.Range(0, count).Select(k => large[k, .., (int)shifts[2 * k]..((int)shifts[2 * k] + size), (int)shifts[2 * k + 1]..((int)shifts[2 * k + 1] + size)]).ToArray());
                var scores = classifier.Probabilities(classifier.Logits(windows * x))[.., request.Target];
                saliency.add_((windows * scores.view(count, 1, 1, 1)).sum(0, keepdim: true), ScalarOps.One);
                done += count;
                map = MaskGrid.Normalise(MaskGrid.ToArray(saliency.DividedBy(done * keep)));
            }
            yield return new Frame { Iteration = b, Iterations = batches, Map = map, MapWidth = size, MapHeight = size, ElapsedMs = clock.Elapsed.TotalMilliseconds };
        }
    }
}
