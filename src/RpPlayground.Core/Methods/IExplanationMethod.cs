namespace RpPlayground.Core.Methods;

/// <summary>An attribution method that streams its progress as frames.</summary>
public interface IExplanationMethod
{
    /// <summary>Short id: rp, mp, ep, rise, gradcam, gradient.</summary>
    string Id { get; }

    /// <summary>The method's name and paper, for people.</summary>
    string Name { get; }

    /// <summary>Runs the method; every frame's tensors are already released, so frames can be kept.</summary>
    IAsyncEnumerable<Frame> RunAsync(ExplanationRequest request, CancellationToken cancellation = default);
}
