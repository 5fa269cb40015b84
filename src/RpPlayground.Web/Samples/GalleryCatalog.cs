using System.Text.Json;
using RpPlayground.Core.Models;

namespace RpPlayground.Web.Samples;

/// <summary>The curated examples of samples/gallery.json, checked at start: each names a sample that exists.</summary>
public sealed class GalleryCatalog
{
    public GalleryCatalog(ModelCatalogOptions options, SampleCatalog samples)
    {
        var file = Path.Combine(options.ResolveBaseDirectory(), "samples", "gallery.json");
        Items = File.Exists(file)
            ? JsonSerializer.Deserialize<GalleryItem[]>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))!
            : [];
        var missing = Items.FirstOrDefault(i => samples.Find(i.Image) is null);
        if (missing is not null) throw new InvalidOperationException($"samples/gallery.json: '{missing.Title}' names the image '{missing.Image}', which is not a sample.");
    }

    public IReadOnlyList<GalleryItem> Items { get; }
}
