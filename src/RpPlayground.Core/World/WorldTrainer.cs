using System.Diagnostics;
using System.Threading.Channels;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.World;

/// <summary>Trains a <see cref="WorldNetwork"/> on scenes generated on the fly (never stored), with binary cross-entropy.</summary>
public static class WorldTrainer
{
    /// <summary>Where training stands after a step.</summary>
    public sealed record Progress(int Step, int Steps, double Loss, TimeSpan Elapsed);

    /// <summary>Trains a new network; scenes are rendered on worker threads while LibTorch trains.</summary>
    public static async Task<WorldNetwork> TrainAsync(WorldTrainingOptions options, Action<Progress> report, CancellationToken cancellation)
    {
        if (options.Epochs < 1 || options.ScenesPerEpoch < options.BatchSize || options.BatchSize < 2)
            throw new ArgumentException("Training needs at least one epoch, a batch of at least 2, and an epoch of at least one batch.");
        manual_seed(options.Seed);
        var classes = WorldClasses.Labels.Count;
        var network = new WorldNetwork(classes);
        network.train();
        var stepsPerEpoch = options.ScenesPerEpoch / options.BatchSize;
        var steps = options.Epochs * stepsPerEpoch;
        using var optimizer = new AdamOptimiser(network.parameters().ToArray(), options.LearningRate);

        var batches = Channel.CreateBounded<(float[] Pixels, float[] Targets)>(4);
        var producer = Task.Run(() => Produce(batches.Writer, options, steps, cancellation), cancellation);
        var clock = Stopwatch.StartNew();
        var step = 0;
        await foreach (var (pixels, targets) in batches.Reader.ReadAllAsync(cancellation))
        {
            double loss;
            using (var scope = NewDisposeScope())
            {
                var learningRate = options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * step / steps));
                optimizer.LearningRate = learningRate;
                var x = tensor(pixels, new long[] { options.BatchSize, 3, WorldNetwork.InputSize, WorldNetwork.InputSize });
                var y = tensor(targets, new long[] { options.BatchSize, classes });
                optimizer.ZeroGrad();
                var output = nn.functional.binary_cross_entropy_with_logits(network.call(x), y);
                output.backward();
                optimizer.Step();
                loss = output.item<float>();
            }
            step++;
            report(new Progress(step, steps, loss, clock.Elapsed));
        }
        await producer;
        network.eval();
        return network;
    }

    static async Task Produce(ChannelWriter<(float[], float[])> writer, WorldTrainingOptions options, int steps, CancellationToken cancellation)
    {
        var generator = new SceneGenerator(WorldNetwork.InputSize);
        try
        {
            for (var step = 0; step < steps; step++)
            {
                var first = step * options.BatchSize;
                var scenes = Enumerable.Range(first, options.BatchSize).AsParallel().AsOrdered().WithCancellation(cancellation)
                    .Select(i => generator.Generate(options.Seed, i)).ToArray();
                await writer.WriteAsync((scenes.SelectMany(s => s.Pixels).ToArray(), scenes.SelectMany(s => s.Targets()).ToArray()), cancellation);
            }
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }
}
