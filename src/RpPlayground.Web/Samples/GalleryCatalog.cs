using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using RpPlayground.Core.Models;

namespace RpPlayground.Web.Samples;

/// <summary>
/// The curated examples of samples/gallery.json, checked at start (each has a unique id and names a sample that
/// exists), and their recordings in samples/gallery/{id}.json.gz, read on first use.
/// </summary>
public sealed partial class GalleryCatalog
{
    readonly string recordings;
    readonly ConcurrentDictionary<string, GalleryRecording?> loaded = new();

    public GalleryCatalog(ModelCatalogOptions options, SampleCatalog samples)
    {
        var folder = Path.Combine(options.ResolveBaseDirectory(), "samples");
        var file = Path.Combine(folder, "gallery.json");
        recordings = Path.Combine(folder, "gallery");
        Items = File.Exists(file)
            ? JsonSerializer.Deserialize<GalleryItem[]>(File.ReadAllText(file), new JsonSerializerOptions(JsonSerializerDefaults.Web))!
            : [];
        var missing = Items.FirstOrDefault(i => samples.Find(i.Image) is null);
        if (missing is not null) throw new InvalidOperationException($"samples/gallery.json: '{missing.Title}' names the image '{missing.Image}', which is not a sample.");
        var badId = Items.FirstOrDefault(i => !IdPattern().IsMatch(i.Id) || Items.Count(j => j.Id == i.Id) > 1);
        if (badId is not null) throw new InvalidOperationException($"samples/gallery.json: '{badId.Title}' needs an id of its own made of lower-case letters, digits and dashes (got '{badId.Id}').");
    }

    public IReadOnlyList<GalleryItem> Items { get; }

    public GalleryItem? Find(string? id) => Items.FirstOrDefault(i => i.Id == id);

    /// <summary>Where an example's recording is kept.</summary>
    public string RecordingPath(GalleryItem item) => Path.Combine(recordings, $"{item.Id}.json.gz");

    public bool HasRecording(GalleryItem item) => File.Exists(RecordingPath(item));

    /// <summary>The example's recording, or null when it has none (then the gallery offers only a live run).</summary>
    public GalleryRecording? Recording(GalleryItem item) =>
        loaded.GetOrAdd(item.Id, _ => File.Exists(RecordingPath(item)) ? GalleryRecording.Load(RecordingPath(item)) : null);

    /// <summary>The recording a <c>replay=</c> link names, or null with <paramref name="problem"/> saying why.</summary>
    public GalleryRecording? ToReplay(string id, out string? problem)
    {
        var item = Find(id);
        var found = item is null ? null : Recording(item);
        problem = item is null ? $"There is no gallery example '{Core.UserText.Short(id)}'."
            : found is null ? $"'{item.Title}' has no recording; press Run to run it live." : null;
        return found;
    }

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex IdPattern();
}
