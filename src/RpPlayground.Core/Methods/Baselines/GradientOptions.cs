namespace RpPlayground.Core.Methods.Baselines;

/// <summary>The gradient method has no options: one backward pass of the target's score.</summary>
public sealed record GradientOptions : IMethodOptions
{
    public IEnumerable<string> Problems(ModelFacts model) => [];
}
