using System.Diagnostics;
using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>
/// Grad-CAM (Selvaraju et al., ICCV 2017) on the model's configured layer: ReLU(Σ_k α_k A^k) with α_k the spatial mean
/// of ∂ logit_T / ∂A^k; the map stays at the layer's resolution.
/// </summary>
public sealed class GradCamMethod : IExplanationMethod
{
    public string Id => "gradcam";

    public string Name => "Grad-CAM (Selvaraju et al., ICCV 2017)";

    public async IAsyncEnumerable<Frame> RunAsync(ExplanationRequest request, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        request.Validate();
        var classifier = request.Classifier;
        var layer = classifier.Spec.GradCamLayer;
        if (string.IsNullOrWhiteSpace(layer))
            throw new ArgumentException($"Model '{classifier.Spec.Id}' declares no Grad-CAM layer (GradCamLayer in its configuration).");
        await Task.CompletedTask;
        var clock = Stopwatch.StartNew();
        float[] map;
        int width, height;
        using (var scope = NewDisposeScope())
        {
            // The weights are frozen, so the input carries the autograd graph to the activation.
            var x = request.Pixels.detach().clone().requires_grad_(true);
            var (logits, activation) = classifier.Network.ForwardCapturing(classifier.Normalize(x), layer);
            if (activation.dim() != 4) throw new ArgumentException($"Grad-CAM needs a feature map [N, C, H, W]; layer '{layer}' gives [{string.Join(",", activation.shape)}].");
            var gradient = autograd.grad([logits[0, request.Target]], [activation], allow_unused: false)[0];
            var weights = gradient.mean([2, 3], keepdim: true);
            var cam = nn.functional.relu((weights * activation).sum(1, keepdim: true));
            (height, width) = ((int)cam.shape[2], (int)cam.shape[3]);
            map = MaskGrid.Normalise(MaskGrid.ToArray(cam));
        }
        yield return new Frame { Iteration = 1, Iterations = 1, Map = map, MapWidth = width, MapHeight = height, ElapsedMs = clock.Elapsed.TotalMilliseconds };
    }
}
