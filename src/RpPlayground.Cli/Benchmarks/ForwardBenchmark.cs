using RpPlayground.Core.Models;
using static TorchSharp.torch;

namespace RpPlayground.Cli.Benchmarks;

/// <summary>Times a classifier's forward pass, and forward plus backward to the input, at batch 1 and 2 (or the batches asked for).</summary>
public static class ForwardBenchmark
{
    /// <summary>One measured configuration.</summary>
    public sealed record Row(string Pass, int Batch, Timing Timing, long Flops)
    {
        public double Gflops => Flops / (Timing.Median * 1e6);
    }

    /// <summary>Runs the four measurements; the forward-backward FLOPs are counted as twice the forward's (input gradients only).</summary>
    public static IReadOnlyList<Row> Run(ImageClassifier classifier, int warmup, int repeat, IReadOnlyList<int>? batches = null)
    {
        var rows = new List<Row>();
        foreach (var batch in batches ?? [1, 2])
        {
            using var generator = new Generator(1);
            using var input = rand(new long[] { batch, 3, classifier.InputSize, classifier.InputSize }, generator: generator).to(classifier.Device);
            var flops = classifier.Network.CountFlops(classifier.Normalize(input));
            rows.Add(new Row("forward", batch, Measure($"forward, batch {batch}", warmup, repeat, () => Forward(classifier, input)), flops));
            rows.Add(new Row("forward+backward", batch, Measure($"forward+backward, batch {batch}", warmup, repeat, () => ForwardBackward(classifier, input)), 2 * flops));
        }
        return rows;
    }

    static Timing Measure(string task, int warmup, int repeat, Action action)
    {
        var progress = new ConsoleProgress(task, repeat);
        var timing = Timing.Measure(action, warmup, repeat, done => progress.Report(done));
        progress.Done();
        return timing;
    }

    static void Forward(ImageClassifier classifier, Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        classifier.Logits(input).sum().item<float>();
    }

    static void ForwardBackward(ImageClassifier classifier, Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.detach().requires_grad_(true);
        classifier.Logits(x)[.., 0].sum().backward();
        x.grad!.sum().item<float>();
    }
}
