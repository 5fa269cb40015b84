using RpPlayground.Core.Models;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods;

/// <summary>The clean (noise-free) look at a mask that every perturbation method's final frame reports.</summary>
public static class PerturbationScores
{
    /// <summary>
    /// Probabilities on x_pt = m·x + (1 − m)·x_r and x_rpt = (1 − m)·x + m·x_r, one batch of two, no gradients;
    /// <paramref name="keep"/> is m at the input's resolution, [1, 1, S, S].
    /// </summary>
    public static (float[] Perturbed, float[] Reversed) Measure(ImageClassifier classifier, Tensor x, Tensor substrate, Tensor keep)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var batch = cat([keep * x + (1 - keep) * substrate, (1 - keep) * x + keep * substrate], 0);
        var probabilities = classifier.Probabilities(classifier.Logits(batch));
        return (MaskGrid.ToArray(probabilities[0]), MaskGrid.ToArray(probabilities[1]));
    }

    /// <summary>Probabilities of every class on one image [1, 3, S, S], no gradients.</summary>
    public static float[] Of(ImageClassifier classifier, Tensor image)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return MaskGrid.ToArray(classifier.Probabilities(classifier.Logits(image))[0]);
    }
}
