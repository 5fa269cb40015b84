using System.CommandLine;
using System.Globalization;
using RpPlayground.Cli.Benchmarks;
using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Metrics.Deletion;
using RpPlayground.Core.World;
using static TorchSharp.torch;

namespace RpPlayground.Cli.Commands;

/// <summary><c>rp deletion</c>: the deletion (or insertion) game for several methods over a set of images, with a table of mean AUC.</summary>
public static class DeletionCommand
{
    public static Command Create()
    {
        var selection = new ModelSelection();
        var images = new Option<string?>("--images") { Description = "A folder of images (each explained for its most probable class)." };
        var scenes = new Option<int>("--scenes") { Description = "Built-in scenes instead (each explained for its first object's class).", DefaultValueFactory = _ => 0 };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods.", DefaultValueFactory = _ => MethodList.All };
        var insertion = new Option<bool>("--insertion") { Description = "Play the insertion game (100 px a step onto a blur) instead of deletion (300 px a step onto zeros)." };
        var scoreTop = new Option<bool>("--score-top") { Description = "Score the originally most probable class (the RP authors' code) instead of the explained class." };
        var output = new Option<string>("--out") { Description = "Folder for one CSV per image and method.", Required = true };
        var command = new Command("deletion", "Deletion or insertion game: curves per image and method, and mean AUC (standard error) per method.") { images, scenes, methods, insertion, scoreTop, output };
        selection.AddTo(command);
        command.SetAction((parse, cancellation) => Task.FromResult(Run(new Settings(selection.Read(parse), parse.GetValue(images), parse.GetValue(scenes),
            parse.GetValue(methods)!, parse.GetValue(insertion), parse.GetValue(scoreTop), parse.GetValue(output)!), cancellation)));
        return command;
    }

    static int TopClass(Core.Models.ImageClassifier classifier, Tensor pixels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return (int)classifier.Logits(pixels)[0].argmax().item<long>();
    }

    /// <summary>What the options say.</summary>
    public sealed record Settings(ModelChoice Model, string? Images, int Scenes, string Methods, bool Insertion, bool ScoreTop, string Output);

    public static int Run(Settings options, CancellationToken cancellation)
    {
        var ids = MethodList.Parse(options.Methods);
        var settings = options.Model.LoadSettings();
        using var classifier = options.Model.Open(settings, fallbackId: options.Scenes > 0 ? "world" : null);
        var inputs = EvaluationInputs.Load(options.Images, options.Scenes, classifier, new ImageDecoder(settings.Images));
        var game = options.Insertion ? DeletionOptions.InsertionGame : DeletionOptions.Deletion;
        var folder = Directory.CreateDirectory(options.Output).FullName;
        var areas = ids.ToDictionary(id => id, _ => new List<double>());
        var progress = new ConsoleProgress("images x methods", inputs.Count * ids.Length);
        var done = 0;
        foreach (var (name, pixels, target, _) in inputs)
        {
            var scored = options.ScoreTop ? TopClass(classifier, pixels) : target;
            foreach (var id in ids)
            {
                var last = new MethodChoice(id).Create(classifier).FinalFrame(new ExplanationRequest(classifier, pixels, target, [], 0), cancellation);
                var curve = DeletionGame.Curve(classifier, pixels, FrameMaps.Resized(last, classifier.InputSize), scored, game);
                areas[id].Add(DeletionGame.Auc(curve));
                File.WriteAllLines(Path.Combine(folder, $"{name}-{id}.csv"),
                    new[] { "step,pixels,score" }.Concat(curve.Select((s, k) => string.Create(CultureInfo.InvariantCulture, $"{k},{Math.Min(k * game.PixelsPerStep, classifier.InputSize * classifier.InputSize)},{s:0.######}"))));
                progress.Report(++done);
            }
            pixels.Dispose();
        }
        progress.Done();
        Console.WriteLine($"{(game.Insertion ? "Insertion" : "Deletion")} game, model {classifier.Spec.Id}, {inputs.Count} images, scored class: {(options.ScoreTop ? "the originally most probable" : "the explained class")}; {(game.Insertion ? "higher" : "lower")} is better.");
        Console.WriteLine();
        // Every method saw the same images, so RP's advantage is best judged image by image (a paired difference).
        var paired = areas.ContainsKey("rp") && ids.Length > 1;
        Console.WriteLine("| method | mean AUC | standard error |" + (paired ? " RP minus method, paired (standard error) | images where RP is better |" : ""));
        Console.WriteLine("| --- | --- | --- |" + (paired ? " --- | --- |" : ""));
        foreach (var (id, values) in areas)
        {
            var (mean, error, _) = MeanAndError.Of(values);
            var versus = "";
            if (paired && id != "rp")
            {
                var differences = areas["rp"].Zip(values, (r, v) => r - v).ToArray();
                var difference = MeanAndError.Of(differences);
                versus = $" {difference.Mean:+0.0000;-0.0000} ({difference.Error:0.0000}) | {differences.Count(d => game.Insertion ? d > 0 : d < 0)}/{differences.Length} |";
            }
            else if (paired)
            {
                versus = " | |";
            }
            Console.WriteLine($"| {id} | {mean:0.0000} | {error:0.0000} |{versus}");
        }
        return ExitCodes.Success;
    }
}
