namespace RpPlayground.Core.Methods.RobustPerturbation;

/// <summary>How far a prediction moved, per class.</summary>
public enum Divergence
{
    /// <summary>The authors' code: mean(log2(|p − q| + 1)), bounded in [0, 1].</summary>
    BoundedL1,

    /// <summary>The slides' divergence: Bernoulli KL(p || q) per class, ε = 1e-7.</summary>
    BernoulliKl,
}
