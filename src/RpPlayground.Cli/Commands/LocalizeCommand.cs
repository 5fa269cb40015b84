using System.CommandLine;
using RpPlayground.Cli.Benchmarks;
using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Metrics.Localisation;

namespace RpPlayground.Cli.Commands;

/// <summary><c>rp localize</c>: pointing game and energy inside the true mask, per method, on built-in scenes whose object pixels are known.</summary>
public static class LocalizeCommand
{
    public static Command Create()
    {
        var selection = new ModelSelection();
        var scenes = new Option<int>("--scenes") { Description = "How many built-in scenes (each explained for its first object's class).", DefaultValueFactory = _ => 20 };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods.", DefaultValueFactory = _ => MethodList.All };
        var command = new Command("localize", "Localisation on built-in scenes: pointing game hits and the share of the map's energy inside the target object's true pixels.") { scenes, methods };
        selection.AddTo(command);
        command.SetAction((parse, cancellation) => Task.FromResult(Run(new Settings(selection.Read(parse), parse.GetValue(scenes), parse.GetValue(methods)!), cancellation)));
        return command;
    }

    /// <summary>What the options say.</summary>
    public sealed record Settings(ModelChoice Model, int Scenes, string Methods);

    public static int Run(Settings options, CancellationToken cancellation)
    {
        var ids = MethodList.Parse(options.Methods);
        if (options.Scenes < 1) throw new UsageException("--scenes must be at least 1.");
        var settings = options.Model.LoadSettings();
        using var classifier = options.Model.Open(settings, fallbackId: "world");
        var inputs = EvaluationInputs.Load(null, options.Scenes, classifier, new ImageDecoder(settings.Images));
        var hits = ids.ToDictionary(id => id, _ => new List<double>());
        var energy = ids.ToDictionary(id => id, _ => new List<double>());
        var progress = new ConsoleProgress("scenes x methods", inputs.Count * ids.Length);
        var done = 0;
        foreach (var input in inputs)
        {
            foreach (var id in ids)
            {
                var last = new MethodChoice(id).Create(classifier).FinalFrame(new ExplanationRequest(classifier, input.Pixels, input.Target, [], 0), cancellation);
                var map = FrameMaps.Resized(last, classifier.InputSize);
                hits[id].Add(LocalisationScores.PointingHit(map, input.TargetMask!) ? 1 : 0);
                if (LocalisationScores.EnergyInside(map, input.TargetMask!) is var share && !double.IsNaN(share)) energy[id].Add(share);
                progress.Report(++done);
            }
            input.Pixels.Dispose();
        }
        progress.Done();
        var area = inputs.Average(i => i.TargetMask!.Count(v => v) / (double)i.TargetMask!.Length);
        Console.WriteLine($"Localisation on {inputs.Count} built-in scenes (seed {EvaluationInputs.SceneSeed}), model {classifier.Spec.Id}; the target covers {area:P1} of a scene on average (a uniform map's energy share).");
        Console.WriteLine();
        Console.WriteLine("| method | pointing game | energy inside the mask (standard error) |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var id in ids)
        {
            var share = MeanAndError.Of(energy[id]);
            Console.WriteLine($"| {id} | {hits[id].Sum():0}/{inputs.Count} | {share.Mean:0.000} ({share.Error:0.000}) |");
        }
        return ExitCodes.Success;
    }
}
