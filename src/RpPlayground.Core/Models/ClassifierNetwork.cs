using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RpPlayground.Core.Models;

/// <summary>
/// A differentiable image classifier: <c>forward</c> maps a normalised batch [N, 3, H, W] to logits [N, classes].
/// It names its intermediate activations (Grad-CAM reads one) and its weighted layers (sanity checks randomise them).
/// </summary>
public abstract class ClassifierNetwork(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>Activations that <see cref="ForwardCapturing"/> can return, in the order the network computes them.</summary>
    public abstract IReadOnlyList<string> ActivationNames { get; }

    /// <summary>Layers with weights, from the input towards the logits.</summary>
    public abstract IReadOnlyList<NetworkLayer> Layers { get; }

    /// <summary>The logits and the named activation from one forward pass, both in the autograd graph.</summary>
    public abstract (Tensor Logits, Tensor Activation) ForwardCapturing(Tensor input, string activation);

    /// <summary>Floating-point operations (2 per multiply-add) of the convolutions and matrix products for this input.</summary>
    public abstract long CountFlops(Tensor input);

    /// <summary>The live parameters of one layer (looked up by name, so they follow moves between devices).</summary>
    public IReadOnlyList<Parameter> ParametersOf(NetworkLayer layer) => layer.ParameterNames.Select(n => get_parameter(n) ?? throw new InvalidOperationException($"Layer {layer.Name} names no parameter {n}.")).ToArray();
}
