using System.CommandLine;
using RpPlayground.Cli.Benchmarks;
using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using static TorchSharp.torch;

namespace RpPlayground.Cli.Commands;

/// <summary><c>rp explain</c>: one explanation of one image, with overlay, mask and summary written to a folder.</summary>
public static class ExplainCommand
{
    public static Command Create()
    {
        var selection = new ModelSelection();
        var methodOptions = new MethodOptions();
        var image = new Argument<string>("IMAGE") { Description = "A PNG, JPEG, BMP, GIF or WebP image." };
        var target = new Option<string?>("--target") { Description = "The class to explain, by label or index (default: the most probable)." };
        var track = new Option<string[]>("--track") { Description = "More classes to track beside the original's top five.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Folder for overlay.png, mask.png and summary.json.", Required = true };
        var command = new Command("explain", "Explain a classifier's decision on an image with Robust Perturbation or a baseline.") { image, target, track, output };
        selection.AddTo(command);
        methodOptions.AddTo(command);
        command.SetAction((parse, cancellation) => RunAsync(new Settings(selection.Read(parse), methodOptions.Read(parse), parse.GetValue(image)!,
            parse.GetValue(target), parse.GetValue(track) ?? [], parse.GetValue(output)!), cancellation));
        return command;
    }

    /// <summary>What the options say.</summary>
    public sealed record Settings(ModelChoice Model, MethodChoice Method, string Image, string? Target, string[] Track, string Folder);

    public static async Task<int> RunAsync(Settings options, CancellationToken cancellation)
    {
        var settings = options.Model.LoadSettings();
        using var picture = new ImageDecoder(settings.Images).DecodeFile(options.Image);
        using var classifier = options.Model.Open(settings);
        var method = options.Method.Create(classifier);
        using var scope = NewDisposeScope();
        var pixels = classifier.Prepare(picture);
        var targetIndex = options.Target is { } label ? classifier.LabelIndex(label) : classifier.Classify(picture, 1)[0].Index;
        var tracked = options.Track.Select(classifier.LabelIndex).ToArray();
        var request = new ExplanationRequest(classifier, pixels, targetIndex, tracked, options.Method.Seed);

        var frames = new List<Frame>();
        var progress = (ConsoleProgress?)null;
        await foreach (var frame in method.RunAsync(request, cancellation))
        {
            progress ??= new ConsoleProgress($"{method.Id} on {classifier.Labels[targetIndex]}", frame.Iterations);
            progress.Report(Math.Min(frame.Iteration, frame.Iterations));
            frames.Add(frame);
        }
        progress?.Done();
        if (frames[^1].Note is { } note) Console.WriteLine(note);
        ExplanationWriter.Write(options.Folder, picture, classifier, pixels, method, request, frames, options.Method.Settings(classifier));
        var last = frames[^1];
        Console.WriteLine($"{method.Id}: {classifier.Labels[targetIndex]}, {frames.Count} frames, {last.ElapsedMs:0} ms" +
            (last.Distortion is { } d ? $", CDS (slides) {d.Slides:0.000}, CDS (code) {d.Code:0.000}, reverse CDS {d.Reverse:0.000}" : ""));
        Console.WriteLine($"written to {options.Folder}");
        return ExitCodes.Success;
    }
}
