namespace RpPlayground.Core.Metrics.Sanity;

/// <summary>One map of a sanity check: after randomising <paramref name="Layer"/> (null: the trained model), with its similarity to the trained model's map.</summary>
/// <param name="Stage">0 for the trained model, then 1, 2, … from the logits down.</param>
/// <param name="Map">The map at the model's input size, row-major.</param>
public sealed record SanityStage(int Stage, string? Layer, float[] Map, MapSimilarity Similarity);
