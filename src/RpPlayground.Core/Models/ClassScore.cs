namespace RpPlayground.Core.Models;

/// <summary>One class's score for one image.</summary>
public sealed record ClassScore(int Index, string Label, float Probability, float Logit);
