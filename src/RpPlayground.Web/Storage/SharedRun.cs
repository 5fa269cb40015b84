using RpPlayground.Core.Methods;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Storage;

/// <summary>A run someone shared: its whole definition (so it can be run again with the same seed) and its last frame (map, scores, classes).</summary>
public sealed record SharedRun(string Id, RunRequest Definition, Frame Result, DateTimeOffset Created)
{
    /// <summary>The link that shows it.</summary>
    public string Link => $"/r/{Id}";
}
