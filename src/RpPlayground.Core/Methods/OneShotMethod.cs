using System.Diagnostics;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods;

/// <summary>
/// A method that explains in one pass (Grad-CAM, gradients): the base checks the request, times the pass, runs it in
/// a dispose scope and yields one frame with the map scaled so its largest value is 1.
/// </summary>
public abstract class OneShotMethod : IExplanationMethod
{
    public abstract string Id { get; }

    public abstract string Name { get; }

    /// <summary>The unscaled map [1, 1, h, w] (non-negative), and a note for the user or null; runs inside a dispose scope.</summary>
    protected abstract (Tensor Map, string? Note) Explain(ExplanationRequest request);

    public IEnumerable<Frame> Run(ExplanationRequest request, CancellationToken cancellation = default)
    {
        request.Validate();
        cancellation.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        Frame frame;
        using (var scope = NewDisposeScope())
        {
            var (map, note) = Explain(request);
            frame = new Frame
            {
                Iteration = 1, Iterations = 1, Map = MaskGrid.Normalise(MaskGrid.ToArray(map)), MapWidth = (int)map.shape[3], MapHeight = (int)map.shape[2],
                Note = note, ElapsedMs = clock.Elapsed.TotalMilliseconds,
            };
        }
        yield return frame;
    }
}
