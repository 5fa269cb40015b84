using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>
/// Class activation maps from one layer's feature maps A^k and the target logit's gradient with respect to them:
/// ReLU(Σ_k α_k A^k), the map at the layer's resolution. A CAM variant supplies α (<see cref="ChannelWeights"/>). The
/// layer is the one named in the options, else the model's declared <c>GradCamLayer</c>, else the network's last
/// spatial activation, and the frame's note says which.
/// </summary>
public abstract class CamMethod(CamOptions options) : OneShotMethod
{
    /// <summary>α_k for each channel, [1, C, 1, 1], from the activation [1, C, H, W] and its gradient.</summary>
    protected abstract Tensor ChannelWeights(Tensor activation, Tensor gradient);

    protected override (Tensor Map, string? Note) Explain(ExplanationRequest request)
    {
        var classifier = request.Classifier;
        var (layer, note) = Layer(request);
        // The weights are frozen, so the input carries the autograd graph to the activation.
        var x = request.Pixels.detach().clone().requires_grad_(true);
        var (logits, activation) = classifier.Network.ForwardCapturing(classifier.Normalize(x), layer);
        if (activation.dim() != 4) throw new InvalidRequestException($"{Name} needs a feature map [N, C, H, W]; layer '{layer}' gives [{string.Join(",", activation.shape)}].");
        var gradient = autograd.grad([logits[0, request.Target]], [activation], allow_unused: false)[0];
        return (nn.functional.relu((ChannelWeights(activation, gradient) * activation).sum(1, keepdim: true)), note);
    }

    (string Layer, string Note) Layer(ExplanationRequest request)
    {
        var network = request.Classifier.Network;
        if (!string.IsNullOrWhiteSpace(options.Layer))
        {
            if (LayerProblems(options, network).FirstOrDefault() is { } problem) throw new InvalidRequestException(problem);
            return (options.Layer, $"Layer '{options.Layer}' (as asked).");
        }
        if (request.Classifier.Spec.GradCamLayer is { Length: > 0 } declared) return (declared, $"Layer '{declared}' (the model's declared Grad-CAM layer).");
        var picked = network.LastSpatialActivation(request.Classifier.Normalize(request.Pixels.detach()))
            ?? throw new InvalidRequestException($"Model '{request.Classifier.Spec.Id}' has no spatial feature map for {Name} to read (no 4-D activation with more than one position).");
        return (picked, $"Layer '{picked}' (picked: the last spatial feature map; name another with GradCamLayer or --gradcam-layer).");
    }

    /// <summary>Whether the network has the layer the options name (none named is fine: the method picks one), as sentences.</summary>
    public static IEnumerable<string> LayerProblems(CamOptions options, Models.ClassifierNetwork network)
    {
        if (!string.IsNullOrWhiteSpace(options.Layer) && !network.ActivationNames.Contains(options.Layer))
            yield return $"The model has no layer '{Core.UserText.Short(options.Layer)}'. {Candidates(network)}";
    }

    static string Candidates(Models.ClassifierNetwork network) =>
        network.ActivationNames.Count <= 12 ? $"Its activations: {string.Join(", ", network.ActivationNames)}." : $"It has {network.ActivationNames.Count} activations; the last: {string.Join(", ", network.ActivationNames.TakeLast(8))}.";
}
