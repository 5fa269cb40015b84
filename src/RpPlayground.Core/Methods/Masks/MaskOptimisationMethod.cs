using System.Runtime.CompilerServices;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Masks;

/// <summary>
/// What every mask-optimising method (RP, MP, EP) shares: check the request and options, score the original image,
/// then each iteration make the perturbed images, run the network, score, step the optimiser, clamp the mask to [0, 1]
/// and yield a frame (<see cref="MaskStepper"/>, one <see cref="MaskRound"/> per iteration); last, a clean frame of the
/// final mask on x_pt and x_rpt without noise or jitter. A method supplies its options' problems and a <see cref="MaskRun"/>.
/// </summary>
public abstract class MaskOptimisationMethod : IExplanationMethod
{
    public abstract string Id { get; }

    public abstract string Name { get; }

    /// <summary>How many optimiser steps a run takes.</summary>
    protected abstract int Iterations { get; }

    /// <summary>Which perturbed pictures the run's frames carry (its descriptor's).</summary>
    protected abstract PerturbedPictures Pictures { get; }

    /// <summary>The problems with the method's options for this classifier, as sentences.</summary>
    protected abstract IEnumerable<string> Problems(ImageClassifier classifier);

    /// <summary>Sets up one run, inside its dispose scope: <paramref name="x"/> is the image, <paramref name="original"/> its probabilities.</summary>
    protected internal abstract MaskRun Start(ExplanationRequest request, Tensor x, float[] original);

    /// <summary>
    /// Checks the request and the options (throwing <see cref="Core.InvalidRequestException"/> with every problem) and sets up a
    /// run for someone to advance: alone, as <see cref="Run"/> does, or in a <see cref="MaskRound"/> with others.
    /// </summary>
    public MaskStepper Begin(ExplanationRequest request)
    {
        request.Validate();
        var problems = Problems(request.Classifier).ToArray();
        if (problems.Length > 0) throw new InvalidRequestException(string.Join(" ", problems));
        return new MaskStepper(request, Iterations, Pictures, Start);
    }

    public IEnumerable<Frame> Run(ExplanationRequest request, CancellationToken cancellation = default)
    {
        using var stepper = Begin(request);
        while (!stepper.Done)
        {
            cancellation.ThrowIfCancellationRequested();
            yield return MaskRound.Step([stepper])[0].FrameOrThrow();
        }
        yield return stepper.CleanFrame();
    }
}
