using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>
/// Robust Perturbation's objective, term by term, as in the authors' code:
/// <c>L_M = −D_T(p_o^T ‖ p_pt^T) + E_c̄[D_NT(p_o^c̄ ‖ p_pt^c̄)]</c>,
/// <c>L_RM = D_T(p_o^T ‖ p_rpt^T) + E_c̄[log2(|p_rpt^c̄| + 1)]</c>,
/// plus <c>λ1·mean|1 − m|</c> and <c>λtv·TV_β(m)</c>. A switched-off term is left out, not set to zero.
/// </summary>
public static class RpLoss
{
    public const string Target = "target", NonTarget = "non-target", ReversedTarget = "reversed target",
        ReversedNonTarget = "reversed non-target", Area = "area", Smoothness = "smoothness";

    /// <summary>The weighted terms, in a fixed order, each a scalar in the autograd graph.</summary>
    /// <param name="original">p_o, probabilities of every class on x (constant).</param>
    /// <param name="perturbed">p_pt on x_pt.</param>
    /// <param name="reversed">p_rpt on x_rpt.</param>
    /// <param name="mask">m at mask resolution, [1, 1, h, w].</param>
    /// <param name="nonTargets">indices of the non-target classes (int64).</param>
    public static IReadOnlyList<(string Name, Tensor Value)> Terms(Tensor original, Tensor perturbed, Tensor reversed, Tensor mask,
        int target, Tensor nonTargets, RpSwitches switches, Divergence divergence, double beta)
    {
        var terms = new List<(string, Tensor)>
        {
            (Target, -switches.TargetWeight * Measure(divergence, original[target], perturbed[target])),
        };
        if (switches.NonTarget)
            terms.Add((NonTarget, switches.NonTargetWeight * Measure(divergence, original.index_select(0, nonTargets), perturbed.index_select(0, nonTargets))));
        if (switches.ReversedMask)
        {
            terms.Add((ReversedTarget, switches.ReversedTargetWeight * Measure(divergence, original[target], reversed[target])));
            terms.Add((ReversedNonTarget, switches.ReversedNonTargetWeight * log2(reversed.index_select(0, nonTargets).abs() + 1).mean()));
        }
        terms.Add((Area, switches.Area * (1 - mask).abs().mean()));
        terms.Add((Smoothness, switches.Smoothness * TotalVariation(mask, beta)));
        return terms;
    }

    /// <summary>D(p ‖ q) averaged over the classes given.</summary>
    public static Tensor Measure(Divergence divergence, Tensor p, Tensor q) => divergence switch
    {
        Divergence.BoundedL1 => log2((p - q).abs() + 1).mean(),
        Divergence.BernoulliKl => BernoulliKl(p, q).mean(),
        _ => throw new ArgumentOutOfRangeException(nameof(divergence)),
    };

    /// <summary>KL(Bernoulli(p) ‖ Bernoulli(q)) per element, both clamped to [ε, 1 − ε].</summary>
    public static Tensor BernoulliKl(Tensor p, Tensor q)
    {
        var eps = ClassDistortion.Epsilon;
        var a = p.clamp(eps, 1 - eps);
        var b = q.clamp(eps, 1 - eps);
        return a * (a / b).log() + (1 - a) * ((1 - a) / (1 - b)).log();
    }

    /// <summary>mean(|∂x m|^β) + mean(|∂y m|^β) over neighbouring mask cells.</summary>
    public static Tensor TotalVariation(Tensor mask, double beta)
    {
        var rows = mask[.., .., 1.., ..] - mask[.., .., ..^1, ..];
        var columns = mask[.., .., .., 1..] - mask[.., .., .., ..^1];
        return rows.abs().pow(beta).mean() + columns.abs().pow(beta).mean();
    }
}
