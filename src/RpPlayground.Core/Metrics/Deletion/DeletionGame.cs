using RpPlayground.Core.Models;
using RpPlayground.Core.Substrates;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Metrics.Deletion;

/// <summary>
/// The deletion and insertion games (Petsiuk et al., BMVC 2018): pixels leave (or enter) the image in order of
/// attribution, a fixed number per step, and the scored class's probability is recorded after each step. A good map
/// makes the deletion curve fall fast (low area) and the insertion curve rise fast (high area).
/// </summary>
public static class DeletionGame
{
    /// <summary>
    /// The scored class's probability at step 0 (nothing changed yet) and after every step, for pixels [1, 3, S, S]
    /// and a map of S·S attributions (row-major; ties in a fixed shuffled order, see <see cref="Steps"/>). <paramref name="batchDone"/>, when given, hears
    /// (steps scored, steps in all) after every batch.
    /// </summary>
    public static float[] Curve(ImageClassifier classifier, Tensor pixels, float[] map, int scoredClass, DeletionOptions options, Action<int, int>? batchDone = null)
    {
        var size = (int)pixels.shape[3];
        var count = size * (int)pixels.shape[2];
        if (map.Length != count) throw new ArgumentException($"The map has {map.Length} values for {count} pixels.");
        if (options.PixelsPerStep < 1 || options.Batch < 1) throw new ArgumentException("Steps and batches need at least one pixel and one image.");
        var steps = (count + options.PixelsPerStep - 1) / options.PixelsPerStep;
        var rank = Steps(map, options.PixelsPerStep).Select(k => (float)k).ToArray();

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var substrate = Substrate.Create(pixels, options.Substrate);
        var (from, to) = options.Insertion ? (substrate, pixels) : (pixels, substrate);
        var changesAt = tensor(rank, new long[] { 1, 1, pixels.shape[2], size }, device: pixels.device);
        var curve = new float[steps + 1];
        for (var first = 0; first <= steps; first += options.Batch)
        {
            // Each batch in a scope of its own: the network's activations for a batch of 224x224 images are hundreds of
            // megabytes, and without it every batch's stayed alive until the game ended (6.7 GB peak on darknet-tiny).
            using var batch = NewDisposeScope();
            var last = Math.Min(steps, first + options.Batch - 1);
            var stepIndex = ScalarOps.Range(first, last + 1, float32, pixels.device).view(-1, 1, 1, 1);
            var changed = (changesAt <= stepIndex).to(pixels.dtype);  // [n, 1, H, W]: 1 where the pixel has changed by that step
            var images = (changed * to).Plus(changed.OneMinus() * from);
            var scores = classifier.Probabilities(classifier.Logits(images))[.., scoredClass].cpu().data<float>().ToArray();
            scores.CopyTo(curve, first);
            batchDone?.Invoke(last + 1, steps + 1);
        }
        return curve;
    }

    /// <summary>
    /// For each pixel of the map, the 1-based step at which the game changes it: most important first, and pixels of
    /// equal value in a shuffled order that is the same for every method and every run on an image of that size
    /// (<see cref="TieOrder"/>). In pixel order instead, a map with a flat top (RP's mask clamped at 1, EP's preserved
    /// region) would remove the top rows of that region first.
    /// </summary>
    public static int[] Steps(float[] map, int pixelsPerStep)
    {
        var tie = TieOrder(map.Length);
        var order = Enumerable.Range(0, map.Length).OrderByDescending(i => map[i]).ThenBy(i => tie[i]).ToArray();
        var step = new int[map.Length];
        for (var k = 0; k < order.Length; k++) step[order[k]] = k / pixelsPerStep + 1;
        return step;
    }

    /// <summary>Each pixel's place among pixels of equal value: a permutation of 0..n−1 from a fixed seed (1), so every method meets the same order.</summary>
    public static int[] TieOrder(int pixels)
    {
        var order = Enumerable.Range(0, pixels).ToArray();
        new Random(1).Shuffle(order);
        return order;
    }

    /// <summary>Area under a curve of n steps by the trapezoid rule, divided by n (so a flat curve at p has area p).</summary>
    public static double Auc(IReadOnlyList<float> curve)
    {
        if (curve.Count < 2) throw new ArgumentException("A curve needs at least two points.");
        var area = 0.0;
        for (var i = 1; i < curve.Count; i++) area += (curve[i - 1] + curve[i]) / 2.0;
        return area / (curve.Count - 1);
    }
}
