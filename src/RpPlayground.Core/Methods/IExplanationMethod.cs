namespace RpPlayground.Core.Methods;

/// <summary>An attribution method that streams its progress as frames.</summary>
public interface IExplanationMethod
{
    /// <summary>Short id: rp, mp, ep, rise, gradcam, gradient.</summary>
    string Id { get; }

    /// <summary>The method's name and paper, for people.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the method step by step on the caller's thread, one frame per step; frames hold no tensors, so they can be
    /// kept. Synchronous on purpose: LibTorch's CPU work stays on the run thread that owns it (docs/internals.md, "One
    /// thread per run"), and async belongs to the page and hub edge.
    /// </summary>
    IEnumerable<Frame> Run(ExplanationRequest request, CancellationToken cancellation = default);
}
