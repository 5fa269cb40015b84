using RpPlayground.Core.Models;
using RpPlayground.Core.Substrates;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.World;

/// <summary>
/// What happens to every class when one object is blurred out (its visible pixels replaced by a Gaussian blur of the
/// scene, 11x11, sigma 5): the target should fall, and any other class that moves shows the context the model uses.
/// </summary>
public static class ContextProbe
{
    /// <summary>Probabilities of every class before and after blurring out object <paramref name="objectIndex"/>.</summary>
    public sealed record Effect(int ObjectIndex, float[] Before, float[] After)
    {
        /// <summary>The largest change of a class the object is not, and which class it was.</summary>
        public (int Class, float Change) LargestOtherChange(int objectClass) => Enumerable.Range(0, Before.Length)
            .Where(c => c != objectClass).Select(c => (c, After[c] - Before[c])).MaxBy(p => Math.Abs(p.Item2));
    }

    /// <summary>The scene's pixels with object <paramref name="objectIndex"/> blurred out, [1, 3, S, S].</summary>
    public static Tensor BlurOut(Scene scene, int objectIndex)
    {
        using var scope = NewDisposeScope();
        var pixels = tensor(scene.Pixels, new long[] { 1, 3, scene.Size, scene.Size });
        var mask = tensor(scene.Objects[objectIndex].Mask.Select(m => m ? 1f : 0f).ToArray(), new long[] { 1, 1, scene.Size, scene.Size });
        var blurred = Blur.Gaussian(pixels, 11, 5);
        return (mask * blurred).Plus(mask.OneMinus() * pixels).MoveToOuterDisposeScope();
    }

    public static Effect Measure(ImageClassifier classifier, Scene scene, int objectIndex)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var original = tensor(scene.Pixels, new long[] { 1, 3, scene.Size, scene.Size });
        var batch = cat([original, BlurOut(scene, objectIndex)], 0).to(classifier.Device);
        var probabilities = classifier.Probabilities(classifier.Logits(batch)).cpu();
        return new Effect(objectIndex, probabilities[0].data<float>().ToArray(), probabilities[1].data<float>().ToArray());
    }
}
