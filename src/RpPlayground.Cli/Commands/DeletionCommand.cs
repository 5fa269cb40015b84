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
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods.", DefaultValueFactory = _ => "rp,mp,ep,rise,gradcam,gradient" };
        var insertion = new Option<bool>("--insertion") { Description = "Play the insertion game (100 px a step onto a blur) instead of deletion (300 px a step onto zeros)." };
        var scoreTop = new Option<bool>("--score-top") { Description = "Score the originally most probable class (the RP authors' code) instead of the explained class." };
        var output = new Option<string>("--out") { Description = "Folder for one CSV per image and method.", Required = true };
        var command = new Command("deletion", "Deletion or insertion game: curves per image and method, and mean AUC (standard error) per method.") { images, scenes, methods, insertion, scoreTop, output };
        selection.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var ids = parse.GetValue(methods)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = ids.FirstOrDefault(id => !MethodFactory.Ids.Contains(id));
            if (unknown is not null) throw new UsageException($"Unknown method '{unknown}'. Methods: {string.Join(", ", MethodFactory.Ids)}.");
            var settings = selection.LoadSettings(parse);
            using var classifier = selection.Open(parse, settings, fallbackId: parse.GetValue(scenes) > 0 ? "world" : null);
            var inputs = Inputs(parse.GetValue(images), parse.GetValue(scenes), classifier, new ImageDecoder(settings.Images));
            if (inputs.Count == 0) throw new UsageException("Give --images DIR (with images in it) or --scenes N.");
            var game = parse.GetValue(insertion) ? DeletionOptions.InsertionGame : DeletionOptions.Deletion;
            var recommended = RpOptions.For(classifier.Spec);
            var methodSettings = new MethodSettings { Rp = recommended, Substrate = recommended.Substrate };
            var folder = Directory.CreateDirectory(parse.GetValue(output)!).FullName;
            var areas = ids.ToDictionary(id => id, _ => new List<double>());
            var progress = new ConsoleProgress("images x methods", inputs.Count * ids.Length);
            var done = 0;
            foreach (var (name, pixels, target) in inputs)
            {
                var scored = parse.GetValue(scoreTop) ? TopClass(classifier, pixels) : target;
                foreach (var id in ids)
                {
                    Frame? last = null;
                    await foreach (var frame in MethodFactory.Create(id, methodSettings).RunAsync(new ExplanationRequest(classifier, pixels, target, [], 0), cancellation)) last = frame;
                    var curve = DeletionGame.Curve(classifier, pixels, FrameMaps.Resized(last!, classifier.InputSize), scored, game);
                    areas[id].Add(DeletionGame.Auc(curve));
                    File.WriteAllLines(Path.Combine(folder, $"{name}-{id}.csv"),
                        new[] { "step,pixels,score" }.Concat(curve.Select((s, k) => string.Create(CultureInfo.InvariantCulture, $"{k},{Math.Min(k * game.PixelsPerStep, classifier.InputSize * classifier.InputSize)},{s:0.######}"))));
                    progress.Report(++done);
                }
                pixels.Dispose();
            }
            progress.Done();
            Console.WriteLine($"{(game.Insertion ? "Insertion" : "Deletion")} game, model {classifier.Spec.Id}, {inputs.Count} images, scored class: {(parse.GetValue(scoreTop) ? "the originally most probable" : "the explained class")}; {(game.Insertion ? "higher" : "lower")} is better.");
            Console.WriteLine();
            Console.WriteLine("| method | mean AUC | standard error |");
            Console.WriteLine("| --- | --- | --- |");
            foreach (var (id, values) in areas)
            {
                var mean = values.Average();
                var error = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) / values.Count) : double.NaN;
                Console.WriteLine($"| {id} | {mean:0.0000} | {error:0.0000} |");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    static List<(string Name, Tensor Pixels, int Target)> Inputs(string? folder, int scenes, Core.Models.ImageClassifier classifier, ImageDecoder decoder)
    {
        var inputs = new List<(string, Tensor, int)>();
        if (folder is not null)
        {
            if (!Directory.Exists(folder)) throw new UsageException($"No folder '{folder}'.");
            foreach (var file in Directory.GetFiles(folder).Where(f => new[] { ".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp" }.Contains(Path.GetExtension(f).ToLowerInvariant())).Order())
            {
                using var image = decoder.DecodeFile(file);
                inputs.Add((Path.GetFileNameWithoutExtension(file), classifier.Prepare(image), classifier.Classify(image, 1)[0].Index));
            }
        }
        if (scenes > 0 && !classifier.Labels.SequenceEqual(WorldClasses.Labels))
            throw new UsageException($"Built-in scenes need the world model; '{classifier.Spec.Id}' has other classes.");
        var generator = new SceneGenerator(classifier.InputSize);
        for (var i = 0; i < scenes; i++)
        {
            var scene = generator.Generate(2024, i);
            inputs.Add(($"scene-{i:D4}", tensor(scene.Pixels, new long[] { 1, 3, scene.Size, scene.Size }).to(classifier.Device), scene.Objects[0].ClassIndex));
        }
        return inputs;
    }

    static int TopClass(Core.Models.ImageClassifier classifier, Tensor pixels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return (int)classifier.Logits(pixels)[0].argmax().item<long>();
    }
}
