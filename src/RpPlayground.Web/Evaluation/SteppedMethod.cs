using RpPlayground.Core.Methods;

namespace RpPlayground.Web.Evaluation;

/// <summary>A method whose every frame also calls <paramref name="step"/>: a job's pause between steps inside code that only asks for a method (the sanity check).</summary>
sealed class SteppedMethod(IExplanationMethod inner, Action<Frame> step) : IExplanationMethod
{
    public string Id => inner.Id;

    public string Name => inner.Name;

    public IEnumerable<Frame> Run(ExplanationRequest request, CancellationToken cancellation = default)
    {
        foreach (var frame in inner.Run(request, cancellation))
        {
            step(frame);
            yield return frame;
        }
    }
}
