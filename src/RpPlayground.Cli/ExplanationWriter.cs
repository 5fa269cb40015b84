using System.Text.Json;
using System.Text.Json.Serialization;
using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Models;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace RpPlayground.Cli;

/// <summary>Writes an explanation's files: overlay.png, mask.png and summary.json.</summary>
public static class ExplanationWriter
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Write(string folder, Image<Rgb24> original, ImageClassifier classifier, Tensor pixels, IExplanationMethod method,
        ExplanationRequest request, IReadOnlyList<Frame> frames, IMethodOptions options)
    {
        Directory.CreateDirectory(folder);
        var last = frames[^1];
        var size = classifier.InputSize;
        var map = FrameMaps.Resized(last, size);
        using (var input = ImageTensors.ToImage(pixels))
        using (var overlay = HeatMap.Overlay(input, map))
            overlay.SaveAsPng(Path.Combine(folder, "overlay.png"));
        using (var mask = HeatMap.Render(map, size, size))
            mask.SaveAsPng(Path.Combine(folder, "mask.png"));

        var optimisationFrames = frames.Where(f => !f.Clean).ToArray();
        var summary = new
        {
            method = method.Id, methodName = method.Name, model = classifier.Spec.Id, target = classifier.Labels[request.Target], targetIndex = request.Target,
            seed = request.Seed, options = MethodJson.ToObject(options),
            frames = frames.Count,
            millisecondsPerIteration = optimisationFrames.Length > 0 ? optimisationFrames[^1].ElapsedMs / optimisationFrames.Length : last.ElapsedMs,
            totalMilliseconds = last.ElapsedMs,
            distortion = last.Distortion,
            classes = last.Classes,
            loss = last.Loss,
            clean = last.Clean,
        };
        File.WriteAllText(Path.Combine(folder, "summary.json"), JsonSerializer.Serialize(summary, Json));
    }
}
