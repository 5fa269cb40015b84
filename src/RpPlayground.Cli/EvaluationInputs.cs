using RpPlayground.Core.Images;
using RpPlayground.Core.Models;
using RpPlayground.Core.World;
using static TorchSharp.torch;

namespace RpPlayground.Cli;

/// <summary>One image of an evaluation set: its name, its pixels [1, 3, S, S], the class to explain and, for built-in scenes, that class's true pixels.</summary>
public sealed record EvaluationInput(string Name, Tensor Pixels, int Target, bool[]? TargetMask);

/// <summary>The image sets the evaluation commands share: a folder of images (each explained for its most probable class) or built-in scenes (each for its first object's class).</summary>
public static class EvaluationInputs
{
    /// <summary>The seed of the built-in scenes the evaluation commands use.</summary>
    public const int SceneSeed = 2024;

    static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"];

    /// <summary>The images of <paramref name="folder"/> (sorted by name), then <paramref name="scenes"/> built-in scenes; the caller disposes the pixels.</summary>
    public static List<EvaluationInput> Load(string? folder, int scenes, ImageClassifier classifier, ImageDecoder decoder)
    {
        var inputs = new List<EvaluationInput>();
        if (folder is not null)
        {
            if (!Directory.Exists(folder)) throw new UsageException($"No folder '{folder}'.");
            foreach (var file in Directory.GetFiles(folder).Where(f => ImageExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).Order())
            {
                using var image = decoder.DecodeFile(file);
                inputs.Add(new EvaluationInput(Path.GetFileNameWithoutExtension(file), classifier.Prepare(image), classifier.Classify(image, 1)[0].Index, null));
            }
        }
        if (scenes < 0 || scenes > 10000) throw new UsageException("--scenes must be between 0 and 10000.");
        if (scenes > 0 && !classifier.Labels.SequenceEqual(WorldClasses.Labels))
            throw new UsageException($"Built-in scenes need the world model; '{classifier.Spec.Id}' has other classes.");
        var generator = new SceneGenerator(classifier.InputSize);
        for (var i = 0; i < scenes; i++)
        {
            var scene = generator.Generate(SceneSeed, i);
            var target = scene.Objects[0].ClassIndex;
            inputs.Add(new EvaluationInput($"scene-{i:D4}", tensor(scene.Pixels, new long[] { 1, 3, scene.Size, scene.Size }).to(classifier.Device), target, scene.ClassMask(target)));
        }
        if (inputs.Count == 0) throw new UsageException("Give --images DIR (with images in it) or --scenes N.");
        return inputs;
    }
}
