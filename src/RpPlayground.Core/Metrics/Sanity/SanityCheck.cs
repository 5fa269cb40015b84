using RpPlayground.Core.Methods;
using RpPlayground.Core.Models;
using static TorchSharp.torch;

namespace RpPlayground.Core.Metrics.Sanity;

/// <summary>
/// The model-parameter randomisation test (Adebayo et al., NeurIPS 2018): explain the same image and class with the
/// trained model, then with layers re-initialised from the logits down, and measure how much the map changes. A
/// map that barely changes does not depend on what the model learned. Works on a private copy of the model
/// (<see cref="ModelCatalog.LoadCopy"/>): the weights change while it runs and are put back as trained when it ends,
/// so one copy serves any number of checks.
/// </summary>
public static class SanityCheck
{
    /// <summary>Stage 0 (the trained model), then one stage per layer from the logits down.</summary>
    public static IEnumerable<SanityStage> Run(ImageClassifier privateCopy, Tensor pixels, int target, IExplanationMethod method,
        RandomisationMode mode, int seed, CancellationToken cancellation)
    {
        var size = privateCopy.InputSize;
        var original = MapOf(privateCopy, pixels, target, method, seed, cancellation);
        yield return new SanityStage(0, null, original, MapSimilarity.Identical);
        var layers = privateCopy.Network.Layers.Reverse().ToArray();
        var trained = layers.Select(layer => Save(privateCopy.Network, layer)).ToArray();
        try
        {
            for (var k = 0; k < layers.Length; k++)
            {
                cancellation.ThrowIfCancellationRequested();
                LayerRandomisation.Randomise(privateCopy.Network, [layers[k]], seed + k + 1);
                var map = MapOf(privateCopy, pixels, target, method, seed, cancellation);
                if (mode == RandomisationMode.Independent) Restore(privateCopy.Network, layers[k], trained[k]);
                yield return new SanityStage(k + 1, layers[k].Name, map, MapSimilarity.Compare(original, map, size));
            }
        }
        finally
        {
            for (var k = 0; k < layers.Length; k++) Restore(privateCopy.Network, layers[k], trained[k]);
        }
    }

    static float[] MapOf(ImageClassifier classifier, Tensor pixels, int target, IExplanationMethod method, int seed, CancellationToken cancellation)
    {
        var last = method.FinalFrame(new ExplanationRequest(classifier, pixels, target, [], seed), cancellation);
        return FrameMaps.Resized(last, classifier.InputSize);
    }

    static float[][] Save(ClassifierNetwork network, NetworkLayer layer) =>
        network.ParametersOf(layer).Select(p => p.detach().cpu().data<float>().ToArray()).ToArray();

    static void Restore(ClassifierNetwork network, NetworkLayer layer, float[][] values)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var parameters = network.ParametersOf(layer);
        for (var i = 0; i < parameters.Count; i++) parameters[i].copy_(tensor(values[i], parameters[i].shape).to(parameters[i].device));
    }
}
