using RpPlayground.Core.Models;
using RpPlayground.Runs;

namespace RpPlayground.Cli;

/// <summary>A run definition from a file (<c>rp explain --definition</c>), and the shipped sample it names.</summary>
public static class DefinitionFile
{
    /// <summary>The definition in <paramref name="path"/>: a <see cref="RunDefinition"/>, or a shared run's answer (<c>{"definition": …}</c>); a usage error when it is neither.</summary>
    public static RunDefinition Read(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"No definition file at '{path}'.");
        try
        {
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new UsageException($"'{path}' holds no run definition.");
            var node = json["definition"] is System.Text.Json.Nodes.JsonObject inner ? inner : json;
            return System.Text.Json.JsonSerializer.Deserialize<RunDefinition>(node, RunJson.Options) ?? throw new UsageException($"'{path}' holds no run definition.");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new UsageException($"'{path}' is not a run definition: {e.Message}");
        }
    }

    /// <summary>The file of a shipped sample (<c>world/scene-0001</c>, <c>photos/chelsea</c>) under the project's samples folder; a usage error for an upload or an unknown id.</summary>
    public static string SamplePath(string id)
    {
        if (id.StartsWith("upload/", StringComparison.Ordinal)) throw new UsageException($"'{id}' is an upload to a site, not a file here: give the IMAGE file.");
        var samples = Path.Combine(new ModelCatalogOptions().ResolveBaseDirectory(), "samples");
        var found = new[] { ".png", ".jpg" }.Select(extension => Path.GetFullPath(Path.Combine(samples, id + extension)))
            .FirstOrDefault(path => path.StartsWith(samples + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(path));
        return found ?? throw new UsageException($"There is no sample '{Core.UserText.Short(id)}' under {samples}: give the IMAGE file.");
    }
}
