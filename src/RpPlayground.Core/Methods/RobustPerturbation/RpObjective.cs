using RpPlayground.Core.Methods.Masks;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>
/// Robust Perturbation's objective for one run, term by term, as in the authors' code:
/// <c>L_M = −D_T(p_o^T ‖ p_pt^T) + E_c̄[D_NT(p_o^c̄ ‖ p_pt^c̄)]</c>,
/// <c>L_RM = D_T(p_o^T ‖ p_rpt^T) + E_c̄[log2(|p_rpt^c̄| + 1)]</c>,
/// plus <c>λ1·mean|1 − m|</c> and <c>λtv·TV_β(m)</c>. Built once per run with what does not change (p_o, the target,
/// the non-targets, the divergence, β); the switches are read every iteration. A switched-off term is left out, not set to zero.
/// </summary>
public sealed class RpObjective
{
    public const string Target = "target", NonTarget = "non-target", ReversedTarget = "reversed target",
        ReversedNonTarget = "reversed non-target", Area = "area", Smoothness = "smoothness";

    readonly Tensor original, nonTargets;
    readonly int target;
    readonly Divergence divergence;
    readonly double beta;

    /// <param name="original">p_o, probabilities of every class on x.</param>
    /// <param name="nonTargets">the non-target classes.</param>
    public RpObjective(Tensor original, int target, IReadOnlyList<int> nonTargets, Divergence divergence, double beta)
    {
        this.original = original.detach();
        this.nonTargets = tensor(nonTargets.Select(c => (long)c).ToArray(), device: original.device);
        this.target = target;
        this.divergence = divergence;
        this.beta = beta;
    }

    /// <summary>The weighted terms, in a fixed order, each a scalar in the autograd graph.</summary>
    /// <param name="perturbed">p_pt on x_pt.</param>
    /// <param name="reversed">p_rpt on x_rpt.</param>
    /// <param name="mask">m at mask resolution, [1, 1, h, w].</param>
    public IReadOnlyList<(string Name, Tensor Value)> Terms(Tensor perturbed, Tensor reversed, Tensor mask, RpSwitches switches)
    {
        var terms = new List<(string, Tensor)>
        {
            (Target, Measure(divergence, original[target], perturbed[target]).Times(-switches.TargetWeight)),
        };
        if (switches.NonTarget)
            terms.Add((NonTarget, Measure(divergence, original.index_select(0, nonTargets), perturbed.index_select(0, nonTargets)).Times(switches.NonTargetWeight)));
        if (switches.ReversedMask)
        {
            terms.Add((ReversedTarget, Measure(divergence, original[target], reversed[target]).Times(switches.ReversedTargetWeight)));
            terms.Add((ReversedNonTarget, log2(reversed.index_select(0, nonTargets).abs().Plus(1.0)).mean().Times(switches.ReversedNonTargetWeight)));
        }
        terms.Add((Area, MaskRegularisers.Removed(mask).mean().Times(switches.Area)));
        terms.Add((Smoothness, MaskRegularisers.TotalVariation(mask, beta).Times(switches.Smoothness)));
        return terms;
    }

    /// <summary>D(p ‖ q) averaged over the classes given.</summary>
    public static Tensor Measure(Divergence divergence, Tensor p, Tensor q) => divergence switch
    {
        Divergence.BoundedL1 => log2((p - q).abs().Plus(1.0)).mean(),
        Divergence.BernoulliKl => BernoulliKl(p, q).mean(),
        _ => throw new ArgumentOutOfRangeException(nameof(divergence)),
    };

    /// <summary>KL(Bernoulli(p) ‖ Bernoulli(q)) per element, both clamped to [ε, 1 − ε].</summary>
    public static Tensor BernoulliKl(Tensor p, Tensor q)
    {
        var eps = ClassDistortion.Epsilon;
        var a = p.ClampTo(eps, 1 - eps);
        var b = q.ClampTo(eps, 1 - eps);
        return (a * (a / b).log()).Plus(a.OneMinus() * (a.OneMinus() / b.OneMinus()).log());
    }
}
