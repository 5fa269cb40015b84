using System.CommandLine;
using RpPlayground.Cli.Benchmarks;
using RpPlayground.Core.Models;
using RpPlayground.Core.World;
using static TorchSharp.torch;

namespace RpPlayground.Cli.Commands;

/// <summary><c>rp train world</c>: trains the built-in model and writes its weights, labels and model card.</summary>
public static class TrainCommand
{
    public static Command Create() => new("train", "Train a built-in model.") { World() };

    static Command World()
    {
        var defaults = new WorldTrainingOptions();
        var seed = new Option<int>("--seed") { Description = "Training scenes and initialisation.", DefaultValueFactory = _ => defaults.Seed };
        var epochs = new Option<int>("--epochs") { Description = $"Passes of {defaults.ScenesPerEpoch} fresh scenes.", DefaultValueFactory = _ => defaults.Epochs };
        var output = new Option<string>("--out") { Description = "Folder for world.weights, labels.txt and MODEL_CARD.md.", DefaultValueFactory = _ => "samples/models/world" };
        var evalSeed = new Option<int>("--eval-seed") { Description = "Series of held-out scenes for the card's mAP.", DefaultValueFactory = _ => 1000 };
        var threads = new Option<int?>("--threads") { Description = "LibTorch CPU threads (default: one per core)." };
        var command = new Command("world", "Train the synthetic world's multi-label classifier on generated scenes.") { seed, epochs, output, evalSeed, threads };
        command.SetAction((parse, cancellation) => RunAsync(new Settings(parse.GetValue(seed), parse.GetValue(epochs),
            parse.GetValue(output)!, parse.GetValue(evalSeed), parse.GetValue(threads)), cancellation));
        return command;
    }

    /// <summary>What the options of <c>rp train world</c> say.</summary>
    public sealed record Settings(int Seed, int Epochs, string Output, int EvalSeed, int? Threads);

    public static async Task<int> RunAsync(Settings options, CancellationToken cancellation)
    {
        var training = new WorldTrainingOptions() with { Seed = options.Seed, Epochs = options.Epochs };
        if (training.Epochs is < 1 or > 1000) throw new UsageException("--epochs must be between 1 and 1000.");
        if (options.EvalSeed == training.Seed) throw new UsageException("--eval-seed must differ from --seed: the card's mAP is measured on scenes never trained on.");
        var runtime = Core.Torch.TorchRuntime.Initialize(new Core.Torch.TorchOptions { Device = "cpu", Threads = options.Threads ?? 0 });
        var folder = options.Output;
        Directory.CreateDirectory(folder);

        var progress = new ConsoleProgress("training", training.Epochs * (training.ScenesPerEpoch / training.BatchSize));
        double smoothed = double.NaN;
        var network = await WorldTrainer.TrainAsync(training, p =>
        {
            smoothed = double.IsNaN(smoothed) ? p.Loss : 0.98 * smoothed + 0.02 * p.Loss;
            progress.Report(p.Step, $"loss {smoothed:0.0000}, {p.Elapsed:mm\\:ss}");
        }, cancellation);
        progress.Done();
        var minutes = progress.Elapsed.TotalMinutes;

        var weights = Path.Combine(folder, "world.weights");
        network.save(weights);
        File.WriteAllLines(Path.Combine(folder, "labels.txt"), WorldClasses.Labels);
        var spec = new ModelSpec { Id = "world", File = Path.GetFullPath(weights), Labels = Path.GetFullPath(Path.Combine(folder, "labels.txt")), Format = "world", InputSize = WorldNetwork.InputSize, Output = OutputKind.Sigmoid };
        using var classifier = new ImageClassifier(spec, WorldClasses.Labels, network, runtime.Device);
        var result = WorldEvaluation.Evaluate(classifier, options.EvalSeed, 500);
        var card = ModelCard.Write(training, options.EvalSeed, result, minutes, runtime.Threads);
        File.WriteAllText(Path.Combine(folder, "MODEL_CARD.md"), card);
        Console.WriteLine($"weights: {weights} ({new FileInfo(weights).Length / 1024} KB), {minutes:0.0} minutes");
        Console.WriteLine($"mAP {result.MeanAp:0.0000} on 500 held-out scenes (seed {options.EvalSeed})");
        return ExitCodes.Success;
    }
}
