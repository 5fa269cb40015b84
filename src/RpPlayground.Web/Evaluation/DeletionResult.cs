namespace RpPlayground.Web.Evaluation;

/// <summary>One method's game on one image: the scored class's curve, its area, and the step at which each pixel changes.</summary>
public sealed record DeletionResult(string Method, float[] Curve, double Auc, int[] Steps, double ExplainMs);
