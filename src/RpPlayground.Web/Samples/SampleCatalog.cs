using System.Text.Json;
using RpPlayground.Core.Models;

namespace RpPlayground.Web.Samples;

/// <summary>The example images: built-in scenes (with the class-distortion picks first) and the sample photos.</summary>
public sealed class SampleCatalog
{
    public SampleCatalog(ModelCatalogOptions options)
    {
        var samples = Path.Combine(options.ResolveBaseDirectory(), "samples");
        Items = Scenes(Path.Combine(samples, "world", "distortion"), "distortion")
            .Concat(Scenes(Path.Combine(samples, "world"), "world"))
            .Concat(Photos(Path.Combine(samples, "photos")))
            .ToArray();
    }

    /// <summary>Every sample, in the order pickers show them.</summary>
    public IReadOnlyList<Sample> Items { get; }

    /// <summary>Every sample, the ones that suit a model of <paramref name="modelFormat"/> first (photos first for ImageNet models).</summary>
    public IEnumerable<Sample> For(string modelFormat) => Items.Where(s => s.Suits(modelFormat)).Concat(Items.Where(s => !s.Suits(modelFormat)));

    /// <summary>The sample with this id, or null.</summary>
    public Sample? Find(string id) => Items.FirstOrDefault(s => s.Id == id);

    static IEnumerable<Sample> Scenes(string folder, string prefix)
    {
        if (!Directory.Exists(folder)) yield break;
        foreach (var json in Directory.GetFiles(folder, "scene-*.json").Order())
        {
            var name = Path.GetFileNameWithoutExtension(json);
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            var labels = document.RootElement.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("label").GetString()).ToArray();
            var note = document.RootElement.TryGetProperty("note", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            yield return new Sample($"{prefix}/{name}", $"{string.Join(", ", labels)} ({name})", Path.Combine(folder, name + ".png"), note);
        }
    }

    static IEnumerable<Sample> Photos(string folder)
    {
        if (!Directory.Exists(folder)) yield break;
        foreach (var file in Directory.GetFiles(folder).Where(f => f.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)).Order())
            yield return new Sample($"photos/{Path.GetFileNameWithoutExtension(file)}", $"photo: {Path.GetFileNameWithoutExtension(file)}", file, null);
    }
}
