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

    /// <summary>
    /// The last activation that is a spatial map (4-D, more than one position) for <paramref name="input"/>, or null:
    /// the layer Grad-CAM reads when a model names none. This default looks from the logits back, one forward pass per
    /// activation; networks that keep every value of a pass override it with one pass.
    /// </summary>
    public virtual string? LastSpatialActivation(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return ActivationNames.Reverse().FirstOrDefault(name => IsSpatial(ForwardCapturing(input, name).Activation));
    }

    /// <summary>Whether an activation is a feature map [N, C, H, W] with more than one position.</summary>
    protected static bool IsSpatial(Tensor activation) => activation.dim() == 4 && activation.shape[2] * activation.shape[3] > 1;

    /// <summary>Floating-point operations (2 per multiply-add) of the convolutions and matrix products for this input.</summary>
    public abstract long CountFlops(Tensor input);

    /// <summary>The live parameters of one layer (looked up by name, so they follow moves between devices).</summary>
    public IReadOnlyList<Parameter> ParametersOf(NetworkLayer layer) => layer.ParameterNames.Select(n => get_parameter(n) ?? throw new InvalidOperationException($"Layer {layer.Name} names no parameter {n}.")).ToArray();
}
