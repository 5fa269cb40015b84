namespace RpPlayground.Core.Methods;

/// <summary>An attribution method that streams its progress as frames.</summary>
public interface IExplanationMethod
{
    /// <summary>Short id: rp, mp, ep, rise, gradcam, gradient.</summary>
    string Id { get; }

    /// <summary>The method's name and paper, for people.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the method on the caller's thread (it never hops threads): LibTorch's CPU kernels keep one OpenMP thread team
    /// per calling thread, and teams on several threads of a 2-core machine slow every call by half or more (measured:
    /// an RP step of 13 ms became 20 ms). Callers run all LibTorch work on one long-lived thread per concurrent run.
    /// Frames hold no tensors, so they can be kept.
    /// </summary>
    IAsyncEnumerable<Frame> RunAsync(ExplanationRequest request, CancellationToken cancellation = default);
}
