using System.CommandLine;
using RpPlayground.Cli.Benchmarks;
using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using static TorchSharp.torch;

namespace RpPlayground.Cli.Commands;

/// <summary>
/// <c>rp explain</c>: one explanation of one image, with overlay, mask and summary written to a folder. The run is the
/// flags' (<c>--method</c>, <c>--iterations</c>, RP's options and switches), or a run definition's
/// (<c>--definition FILE</c>: the JSON that <c>POST /api/runs</c> takes and a shared run's <c>definition</c> is, its
/// model, image, target, seed, method, options and schedule), which then needs no IMAGE for a sample of its own.
/// </summary>
public static class ExplainCommand
{
    public static Command Create()
    {
        var selection = new ModelSelection();
        var methodOptions = new MethodOptions();
        var image = new Argument<string?>("IMAGE") { Description = "A PNG, JPEG, BMP, GIF or WebP image (with --definition: default the definition's sample).", Arity = ArgumentArity.ZeroOrOne };
        var target = new Option<string?>("--target") { Description = "The class to explain, by label or index (default: the definition's, else the most probable)." };
        var track = new Option<string[]>("--track") { Description = "More classes to track beside the original's top five.", AllowMultipleArgumentsPerToken = true };
        var definition = new Option<string?>("--definition") { Description = "A run definition (JSON, as POST /api/runs takes it and GET /api/shared/ID returns it): model, image, target, seed, method, options, schedule." };
        var output = new Option<string>("--out") { Description = "Folder for overlay.png, mask.png and summary.json.", Required = true };
        var command = new Command("explain", "Explain a classifier's decision on an image with Robust Perturbation or a baseline.") { image, target, track, definition, output };
        selection.AddTo(command);
        methodOptions.AddTo(command);
        command.SetAction((parse, cancellation) =>
        {
            var given = parse.GetValue(definition) is { } file ? DefinitionFile.Read(file) : null;
            var model = selection.Read(parse);
            return Task.FromResult(Run(new Settings(given is not null && model.Model is null && model.Onnx is null ? model with { Model = given.Model } : model,
                given is not null ? new MethodFlags(given.Method, given.Seed, given.Options ?? []) : methodOptions.Read(parse),
                parse.GetValue(image) ?? (given is not null ? DefinitionFile.SamplePath(given.Image) : throw new UsageException("Give the IMAGE to explain (or --definition FILE).")),
                parse.GetValue(target) ?? given?.Target, parse.GetValue(track) ?? [], parse.GetValue(output)!, given?.Schedule ?? []), cancellation));
        });
        return command;
    }

    /// <summary>What the options say.</summary>
    public sealed record Settings(ModelChoice Model, MethodFlags Method, string Image, string? Target, string[] Track, string Folder, IReadOnlyList<SwitchChange> Schedule);

    public static int Run(Settings options, CancellationToken cancellation)
    {
        var settings = options.Model.LoadSettings();
        using var picture = new ImageDecoder(settings.Images).DecodeFile(options.Image);
        using var classifier = options.Model.Open(settings);
        var (chosen, methodOptions) = options.Method.Settle(classifier);
        if (options.Schedule.Count > 0 && methodOptions.Switches is null) throw new UsageException($"{chosen.Name} has no switches to schedule.");
        var method = chosen.Create(methodOptions, methodOptions.Switches is { } switches ? new RpLiveSwitches(switches, options.Schedule) : null);
        using var scope = NewDisposeScope();
        var pixels = classifier.Prepare(picture);
        var targetIndex = options.Target is { } label ? classifier.LabelIndex(label) : classifier.Classify(picture, 1)[0].Index;
        var tracked = options.Track.Select(classifier.LabelIndex).ToArray();
        var request = new ExplanationRequest(classifier, pixels, targetIndex, tracked, options.Method.Seed);

        var frames = new List<Frame>();
        var progress = (ConsoleProgress?)null;
        foreach (var frame in method.Run(request, cancellation))
        {
            progress ??= new ConsoleProgress($"{method.Id} on {classifier.Labels[targetIndex]}", frame.Iterations);
            progress.Report(Math.Min(frame.Iteration, frame.Iterations));
            frames.Add(frame);
        }
        progress?.Done();
        if (frames[^1].Note is { } note) Console.WriteLine(note);
        ExplanationWriter.Write(options.Folder, picture, classifier, pixels, method, request, frames, methodOptions);
        var last = frames[^1];
        Console.WriteLine($"{method.Id}: {classifier.Labels[targetIndex]}, {frames.Count} frames, {last.ElapsedMs:0} ms" +
            (last.Distortion is { } d ? $", CDS (slides) {d.Slides:0.000}, CDS (code) {d.Code:0.000}, reverse CDS {d.Reverse:0.000}" : ""));
        Console.WriteLine($"written to {options.Folder}");
        return ExitCodes.Success;
    }
}
