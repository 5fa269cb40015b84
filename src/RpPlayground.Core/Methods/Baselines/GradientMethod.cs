using System.Diagnostics;
using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>Gradient saliency (Simonyan, Vedaldi, Zisserman, ICLR workshop 2014): |∂ logit_T / ∂x|, the maximum over colour channels.</summary>
public sealed class GradientMethod : IExplanationMethod
{
    public string Id => "gradient";

    public string Name => "Gradient (Simonyan et al., 2014)";

    public async IAsyncEnumerable<Frame> RunAsync(ExplanationRequest request, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        request.Validate();
        await Task.CompletedTask;
        var clock = Stopwatch.StartNew();
        var classifier = request.Classifier;
        float[] map;
        using (var scope = NewDisposeScope())
        {
            var x = request.Pixels.detach().clone().requires_grad_(true);
            classifier.Logits(x)[0, request.Target].backward();
            map = MaskGrid.Normalise(MaskGrid.ToArray(x.grad!.abs().amax([1], keepdim: true)));
        }
        var size = classifier.InputSize;
        yield return new Frame { Iteration = 1, Iterations = 1, Map = map, MapWidth = size, MapHeight = size, ElapsedMs = clock.Elapsed.TotalMilliseconds };
    }
}
