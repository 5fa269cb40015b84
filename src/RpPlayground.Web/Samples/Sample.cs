namespace RpPlayground.Web.Samples;

/// <summary>An example image shipped under samples/: its id (used in links), its title, its file and a sentence about it.</summary>
public sealed record Sample(string Id, string Title, string Path, string? Note);
