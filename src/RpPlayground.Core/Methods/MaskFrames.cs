using System.Diagnostics;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods;

/// <summary>What the mask-optimising methods (RP, MP, EP) share: one optimiser step, and their frames.</summary>
public static class MaskFrames
{
    /// <summary>Backpropagates <paramref name="total"/>, steps the optimiser, and clamps the mask to [0, 1].</summary>
    public static void Step(optim.Optimizer optimizer, Tensor total, Tensor mask)
    {
        optimizer.zero_grad();
        total.backward();
        optimizer.step();
        using (no_grad()) mask.clamp_(0, 1);
    }

    /// <summary>A frame with the loss terms' values, the tracked classes and the distortion scores.</summary>
    public static Frame Create(int iteration, int iterations, float[] map, int width, int height, IReadOnlyList<(string Name, Tensor Value)> terms, Tensor? total,
        FrameScorer scorer, float[] perturbed, float[] reversed, bool clean, Stopwatch clock)
    {
        var loss = terms.ToDictionary(t => t.Name, t => (double)t.Value.item<float>());
        if (total is not null) loss["total"] = total.item<float>();
        return new Frame
        {
            Iteration = iteration, Iterations = iterations, Map = map, MapWidth = width, MapHeight = height, Loss = loss,
            Classes = scorer.Track(perturbed, reversed), Distortion = scorer.Score(perturbed, reversed), Clean = clean, ElapsedMs = clock.Elapsed.TotalMilliseconds,
        };
    }
}
