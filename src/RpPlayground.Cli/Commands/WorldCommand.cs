using System.CommandLine;
using RpPlayground.Cli.Benchmarks;
using RpPlayground.Core.Images;
using RpPlayground.Core.Models;
using RpPlayground.Core.World;
using SixLabors.ImageSharp;

namespace RpPlayground.Cli.Commands;

/// <summary><c>rp world</c>: the synthetic world's scenes and its model's evaluation.</summary>
public static class WorldCommand
{
    public static Command Create() => new("world", "The built-in synthetic world: export scenes, evaluate the model.") { Export(), Eval() };

    static void ExportDistortion(ImageClassifier classifier, SceneGenerator generator, int seed, int count, string folder)
    {
        var candidates = new List<(int Index, Scene Scene, ContextProbe.Effect Effect, int Class, float Change)>();
        var progress = new ConsoleProgress("probing scenes", 2000);
        for (var i = 0; i < 2000; i++)
        {
            var scene = generator.Generate(seed + 1, i);
            if (scene.Objects.Count >= 2 && scene.Objects.Select(o => o.ClassIndex).Distinct().Count() == scene.Objects.Count)
            {
                var best = Enumerable.Range(0, scene.Objects.Count).Select(k => ContextProbe.Measure(classifier, scene, k))
                    .Select(e => (Effect: e, Other: e.LargestOtherChange(scene.Objects[e.ObjectIndex].ClassIndex)))
                    .MaxBy(p => Math.Abs(p.Other.Change));
                candidates.Add((i, scene, best.Effect, best.Other.Class, best.Other.Change));
            }
            progress.Report(i + 1);
        }
        progress.Done();
        foreach (var (index, scene, effect, cls, change) in candidates.OrderByDescending(c => Math.Abs(c.Change)).Take(count))
        {
            var target = scene.Objects[effect.ObjectIndex];
            var note = $"Blurring out the {target.Label} moves {WorldClasses.Labels[cls]} from {effect.Before[cls]:0.00} to {effect.After[cls]:0.00} " +
                $"({target.Label} itself: {effect.Before[target.ClassIndex]:0.00} to {effect.After[target.ClassIndex]:0.00}).";
            var name = $"scene-{seed + 1}-{index:D4}";
            SceneFiles.Write(scene, folder, name, seed + 1, index, note);
            using (var blurred = ContextProbe.BlurOut(scene, effect.ObjectIndex))
            using (var image = ImageTensors.ToImage(blurred))
                image.SaveAsPng(Path.Combine(folder, $"{name}-blurred-{target.Label}.png"));
            Console.WriteLine($"{name}: {note}");
        }
    }

    static Command Eval()
    {
        var selection = new ModelSelection();
        var scenes = new Option<int>("--scenes") { Description = "How many held-out scenes.", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Series of scenes (training used series 1).", DefaultValueFactory = _ => 1000 };
        var command = new Command("eval", "Per-class average precision and mAP on fresh scenes.") { scenes, seed };
        selection.AddTo(command);
        command.SetAction(parse => RunEval(new EvalSettings(selection.Read(parse), parse.GetValue(scenes), parse.GetValue(seed))));
        return command;
    }

    static Command Export()
    {
        var seed = new Option<int>("--seed") { Description = "Series of scenes.", DefaultValueFactory = _ => 7 };
        var count = new Option<int>("--count") { Description = "How many scenes.", DefaultValueFactory = _ => 16 };
        var output = new Option<string>("--out") { Description = "Folder to write into.", Required = true };
        var distortion = new Option<int>("--distortion") { Description = "Also pick this many scenes (from 2000 candidates) where blurring out one object moves another class the most, and write each with that object blurred.", DefaultValueFactory = _ => 0 };
        var selection = new ModelSelection();
        var command = new Command("export", "Write scenes as PNG pictures, object maps and JSON descriptions.") { seed, count, output, distortion };
        selection.AddTo(command);
        command.SetAction(parse => RunExport(new ExportSettings(selection.Read(parse), parse.GetValue(seed),
            parse.GetValue(count), parse.GetValue(output)!, parse.GetValue(distortion))));
        return command;
    }

    /// <summary>What the options of <c>rp world eval</c> say.</summary>
    public sealed record EvalSettings(ModelChoice Model, int Scenes, int Seed);

    public static int RunEval(EvalSettings options)
    {
        var n = options.Scenes;
        if (n is < 10 or > 100000) throw new UsageException("--scenes must be between 10 and 100000.");
        using var classifier = options.Model.Open(fallbackId: "world");
        if (classifier.InputSize != WorldNetwork.InputSize || !classifier.Labels.SequenceEqual(WorldClasses.Labels))
            throw new UsageException($"Model '{classifier.Spec.Id}' is not a world model (it needs the world's {WorldClasses.Labels.Count} labels at {WorldNetwork.InputSize}x{WorldNetwork.InputSize}).");
        var progress = new ConsoleProgress("scenes", n);
        var result = WorldEvaluation.Evaluate(classifier, options.Seed, n, done => progress.Report(done));
        progress.Done();
        for (var c = 0; c < result.Labels.Count; c++)
            Console.WriteLine($"{result.Labels[c],-8} AP {result.ClassAp[c]:0.0000}");
        Console.WriteLine($"mAP {result.MeanAp:0.0000}");
        return ExitCodes.Success;
    }

    /// <summary>What the options of <c>rp world export</c> say.</summary>
    public sealed record ExportSettings(ModelChoice Model, int Seed, int Count, string Output, int Distortion);

    public static int RunExport(ExportSettings options)
    {
        var n = options.Count;
        if (n is < 1 or > 10000) throw new UsageException("--count must be between 1 and 10000.");
        var generator = new SceneGenerator();
        if (options.Distortion > 0)
        {
            using var classifier = options.Model.Open(fallbackId: "world");
            ExportDistortion(classifier, generator, options.Seed, options.Distortion, Path.Combine(options.Output, "distortion"));
        }
        var scenes = Enumerable.Range(0, n).Select(i => generator.Generate(options.Seed, i)).ToArray();
        for (var i = 0; i < n; i++)
            SceneFiles.Write(scenes[i], options.Output, $"scene-{i:D4}", options.Seed, i);
        using (var sheet = SceneFiles.ContactSheet(scenes.Take(64).ToArray(), 8))
            sheet.SaveAsPng(Path.Combine(options.Output, "sheet.png"));
        Console.WriteLine($"{n} scenes written to {options.Output}");
        return ExitCodes.Success;
    }
}
