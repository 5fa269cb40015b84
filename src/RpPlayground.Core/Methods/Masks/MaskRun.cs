using RpPlayground.Core.Torch;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Masks;

/// <summary>
/// One run of a mask-optimising method: its mask, optimiser, perturbation and objective, made by
/// <see cref="MaskOptimisationMethod.Start"/> inside the run's dispose scope. The loop calls <see cref="Images"/>, runs
/// the network, and calls <see cref="Score"/>: two calls around the network, so that several runs' images can share one
/// batch.
/// </summary>
public abstract class MaskRun(Perturbation perturbation, Parameter mask, Optimiser optimiser, IReadOnlyList<int> nonTargets) : IDisposable
{
    /// <summary>How the mask perturbs the image.</summary>
    public Perturbation Perturbation { get; } = perturbation;

    /// <summary>The optimised parameters (a grid; clamped to [0, 1] after every step).</summary>
    public Parameter Mask { get; } = mask;

    public Optimiser Optimiser { get; } = optimiser;

    /// <summary>The classes the distortion scores average over.</summary>
    public IReadOnlyList<int> NonTargets { get; } = nonTargets;

    /// <summary>m at the input's resolution, [1, 1, S, S], from the parameters.</summary>
    public abstract Tensor Keep(Tensor mask);

    /// <summary>How many images <see cref="Images"/> makes (RP: x_pt and x_rpt).</summary>
    public virtual int ImagesPerStep => 1;

    /// <summary>The network's input for this iteration (1-based), [B, 3, S, S], in the mask's autograd graph.</summary>
    public abstract Tensor Images(Tensor keep, int iteration);

    /// <summary>The objective's weighted terms from the network's answer on <see cref="Images"/>, and p_pt (and p_rpt where the method has it).</summary>
    public abstract MaskScore Score(Tensor logits, Tensor probabilities, Tensor keep);

    /// <summary>The explanation from the mask (1 marks what matters), [1, 1, h, w].</summary>
    public abstract Tensor Map(Tensor keep);

    /// <summary>
    /// The mask the frame's <see cref="Map"/> shows, at the input's resolution, after the iteration's step: the
    /// parameters' own (a map made from them), unless the method maps the iteration's mask <paramref name="keep"/>.
    /// The frame's pictures are the perturbation of this mask.
    /// </summary>
    public virtual Tensor Mapped(Tensor keep) => Keep(Mask);

    /// <summary>Called after each optimiser step (a schedule may change a weight).</summary>
    public virtual void Stepped()
    {
    }

    /// <summary>The objective's terms on the clean final look (no noise or jitter); none where the method reports none.</summary>
    public virtual IReadOnlyList<(string Name, Tensor Value)> CleanTerms(Tensor perturbed, Tensor reversed) => [];

    public void Dispose() => Optimiser.Dispose();
}

/// <summary>One iteration's weighted loss terms, and the probabilities on x_pt and x_rpt (null where the method makes no x_rpt).</summary>
public sealed record MaskScore(IReadOnlyList<(string Name, Tensor Value)> Terms, Tensor Perturbed, Tensor? Reversed);
