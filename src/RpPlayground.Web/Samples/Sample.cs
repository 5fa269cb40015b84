namespace RpPlayground.Web.Samples;

/// <summary>An example image shipped under samples/: its id (used in links), its title, its file and a sentence about it.</summary>
public sealed record Sample(string Id, string Title, string Path, string? Note)
{
    /// <summary>A scene of the built-in world (its model's kind of picture), as opposed to a photo.</summary>
    public bool IsScene => !Id.StartsWith("photos/", StringComparison.Ordinal);

    /// <summary>Whether the sample is the kind of picture a model of this format was made for: world scenes for the world model, photos for the others.</summary>
    public bool Suits(string modelFormat) => IsScene == string.Equals(modelFormat, "world", StringComparison.OrdinalIgnoreCase);
}
