using RpPlayground.Core.Methods;
using RpPlayground.Core.Models;
using static TorchSharp.torch;

namespace RpPlayground.Cli.Benchmarks;

/// <summary>Milliseconds per iteration of each method in steady state (after its first tenth of frames), on a random image, with the options the model recommends.</summary>
public static class ExplainBenchmark
{
    public sealed record Row(string Method, int Frames, double MillisecondsPerStep, double TotalMilliseconds);

    public static IReadOnlyList<Row> Run(ImageClassifier classifier, IEnumerable<string> methods, CancellationToken cancellation)
    {
        var rows = new List<Row>();
        using var scope = NewDisposeScope();
        var pixels = rand(new long[] { 1, 3, classifier.InputSize, classifier.InputSize }, generator: new Generator(3)).to(classifier.Device);
        foreach (var id in methods)
        {
            var method = new MethodChoice(id).Create(classifier);
            var request = new ExplanationRequest(classifier, pixels, 0, [], 0);
            var times = new List<double>();
            var progress = (ConsoleProgress?)null;
            foreach (var frame in method.Run(request, cancellation))
            {
                if (frame.Clean) continue;
                progress ??= new ConsoleProgress(id, frame.Iterations);
                progress.Report(frame.Iteration);
                times.Add(frame.ElapsedMs);
            }
            progress?.Done();
            var skip = Math.Max(1, times.Count / 10);
            var perStep = times.Count > skip ? (times[^1] - times[skip - 1]) / (times.Count - skip) : times[^1];
            rows.Add(new Row(id, times.Count, perStep, times[^1]));
        }
        return rows;
    }
}
