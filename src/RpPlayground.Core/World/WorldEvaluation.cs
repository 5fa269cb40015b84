using RpPlayground.Core.Metrics;
using RpPlayground.Core.Models;
using static TorchSharp.torch;

namespace RpPlayground.Core.World;

/// <summary>Per-class average precision of a classifier on fresh scenes of the world.</summary>
public static class WorldEvaluation
{
    /// <summary>AP for each class (NaN where the scenes hold none of it) and their mean over the classes present.</summary>
    public sealed record Result(IReadOnlyList<string> Labels, IReadOnlyList<double> ClassAp, double MeanAp, int Scenes);

    /// <summary>Scores scenes 0..<paramref name="scenes"/>-1 of series <paramref name="seed"/>, in batches.</summary>
    public static Result Evaluate(ImageClassifier classifier, int seed, int scenes, Action<int>? progress = null)
    {
        var generator = new SceneGenerator(classifier.InputSize);
        var classes = classifier.Labels.Count;
        var scores = new List<float>[classes];
        var truth = new List<bool>[classes];
        for (var c = 0; c < classes; c++)
        {
            scores[c] = [];
            truth[c] = [];
        }
        const int batch = 50;
        for (var start = 0; start < scenes; start += batch)
        {
            var count = Math.Min(batch, scenes - start);
            var batchScenes = Enumerable.Range(start, count).AsParallel().AsOrdered().Select(i => generator.Generate(seed, i)).ToArray();
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var pixels = tensor(batchScenes.SelectMany(s => s.Pixels).ToArray(), new long[] { count, 3, generator.Size, generator.Size }).to(classifier.Device);
            var probabilities = classifier.Probabilities(classifier.Logits(pixels)).cpu().data<float>().ToArray();
            for (var k = 0; k < count; k++)
            {
                var targets = batchScenes[k].Targets();
                for (var c = 0; c < classes; c++)
                {
                    scores[c].Add(probabilities[k * classes + c]);
                    truth[c].Add(targets[c] > 0);
                }
            }
            progress?.Invoke(start + count);
        }
        var ap = Enumerable.Range(0, classes).Select(c => AveragePrecision.Compute(scores[c], truth[c])).ToArray();
        return new Result(classifier.Labels, ap, ap.Where(a => !double.IsNaN(a)).Average(), scenes);
    }
}
