using System.Diagnostics;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Masks;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using static TorchSharp.torch;

namespace RpPlayground.Cli.Benchmarks;

/// <summary>
/// N RP runs started together and stepped in rounds (one batch through the network per iteration), against the same N
/// runs one after another, in the same process: what a class pressing Run at once gains from sharing the network.
/// </summary>
public static class ConcurrentBenchmark
{
    /// <summary>One N: seconds for the N runs one after another and together, and the FLOPs an iteration of one run costs.</summary>
    public sealed record Row(int Runs, int Iterations, double SequentialSeconds, double BatchedSeconds, long FlopsPerIteration)
    {
        public double SequentialRate => Runs * Iterations / SequentialSeconds;

        public double BatchedRate => Runs * Iterations / BatchedSeconds;

        /// <summary>Milliseconds each run waits per iteration when they run together.</summary>
        public double BatchedMillisecondsPerIteration => BatchedSeconds * 1000 / Iterations;

        public double Ratio => SequentialSeconds / BatchedSeconds;

        public double BatchedGflops => FlopsPerIteration * BatchedRate / 1e9;
    }

    public static IEnumerable<Row> Run(ImageClassifier classifier, IReadOnlyList<int> counts, int iterations)
    {
        using var generator = new Generator(3);
        using var images = rand(new long[] { counts.Max(), 3, classifier.InputSize, classifier.InputSize }, generator: generator).to(classifier.Device);
        // An RP iteration: forward and backward (counted as twice the forward) of x_pt and x_rpt.
        var flops = 2 * 2 * classifier.Network.CountFlops(classifier.Normalize(images[0..1]));
        Rounds(Start(classifier, images, 2, 5));  // warm-up
        foreach (var n in counts)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < n; i++) Rounds(Start(classifier, images[i..(i + 1)], 1, iterations));
            var sequential = clock.Elapsed.TotalSeconds;
            clock.Restart();
            Rounds(Start(classifier, images, n, iterations));
            yield return new Row(n, iterations, sequential, clock.Elapsed.TotalSeconds, flops);
        }
    }

    static MaskStepper[] Start(ImageClassifier classifier, Tensor images, int n, int iterations) =>
        Enumerable.Range(0, n).Select(i => new RobustPerturbationMethod(new RpOptions { Iterations = iterations }, new RpLiveSwitches(new RpSwitches()))
            .Begin(new ExplanationRequest(classifier, images[i..(i + 1)], i % classifier.Labels.Count, [], i))).ToArray();

    // Steps every run to its end in rounds, then takes each one's clean frame, as the site does.
    static void Rounds(MaskStepper[] runs)
    {
        try
        {
            MaskRound.ToTheEnd(runs);
        }
        finally
        {
            foreach (var run in runs) run.Dispose();
        }
    }
}
