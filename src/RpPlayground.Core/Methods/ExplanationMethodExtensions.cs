namespace RpPlayground.Core.Methods;

/// <summary>Helpers for callers that only want a method's result.</summary>
public static class ExplanationMethodExtensions
{
    /// <summary>Runs the method to the end and returns its last frame.</summary>
    public static Frame FinalFrame(this IExplanationMethod method, ExplanationRequest request, CancellationToken cancellation = default)
    {
        Frame? last = null;
        foreach (var frame in method.Run(request, cancellation)) last = frame;
        return last ?? throw new InvalidOperationException($"{method.Name} produced no frame.");
    }
}
