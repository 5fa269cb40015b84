namespace RpPlayground.Core.Models;

/// <summary>A layer that owns weights: its name, its kind (for example Conv or Linear), and its registered parameter names.</summary>
public sealed record NetworkLayer(string Name, string Kind, IReadOnlyList<string> ParameterNames);
