namespace RpPlayground.Core.Methods;

/// <summary>One tracked class's probability on the original image x, the perturbed x_pt and the reversed-perturbed x_rpt.</summary>
public sealed record ClassTrack(int Index, string Label, bool IsTarget, float Original, float Perturbed, float Reversed);
