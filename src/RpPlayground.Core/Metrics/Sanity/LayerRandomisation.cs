using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Metrics.Sanity;

/// <summary>
/// Re-initialises layers for the model-randomisation sanity checks (Adebayo et al., NeurIPS 2018), seeded:
/// convolution and linear weights from Kaiming's normal (fan in), their biases zero; batch normalisation to its
/// starting state (scale 1, shift 0, and for ONNX models running mean 0 and variance 1). Use a private copy of the
/// model (<see cref="ModelCatalog.LoadCopy"/>): the shared one must stay as trained.
/// </summary>
public static class LayerRandomisation
{
    /// <summary>Randomises <paramref name="layers"/> of <paramref name="network"/> in place.</summary>
    public static void Randomise(ClassifierNetwork network, IEnumerable<NetworkLayer> layers, int seed)
    {
        using var generator = new Generator((ulong)seed);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        foreach (var layer in layers)
        {
            var parameters = network.ParametersOf(layer);
            for (var k = 0; k < parameters.Count; k++)
            {
                var p = parameters[k];
                var value = layer.Kind == "BatchNormalization" ? BatchNormStart(p, k) : WeightStart(p, generator);
                p.copy_(value.to(p.device));
            }
        }
    }

    /// <summary>Cascading randomisation: the layers from the logits down to (and including) <paramref name="depth"/> layers from the top.</summary>
    public static IReadOnlyList<NetworkLayer> TopLayers(ClassifierNetwork network, int depth) => network.Layers.Reverse().Take(depth).ToArray();

    static Tensor WeightStart(Tensor p, Generator generator)
    {
        if (p.dim() < 2) return zeros_like(p);
        var fanIn = p.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
        return randn(p.shape, dtype: p.dtype, generator: generator).Times(Math.Sqrt(2.0 / fanIn));
    }

    // ONNX BatchNormalization's parameters come in input order: scale, shift, running mean, running variance.
    static Tensor BatchNormStart(Tensor p, int position) => position is 0 or 3 ? ones_like(p) : zeros_like(p);
}
