using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RpPlayground.Core.Torch;

/// <summary>
/// Adam (Kingma and Ba, ICLR 2015) as PyTorch computes it, without weight decay or AMSGrad: moving averages of the
/// gradient and its square, bias-corrected, step lr·m̂/(√v̂ + ε).
/// </summary>
public sealed class AdamOptimiser(IReadOnlyList<Parameter> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    : Optimiser(parameters, learningRate)
{
    readonly Tensor?[] averages = new Tensor?[parameters.Count], squares = new Tensor?[parameters.Count];
    readonly long[] steps = new long[parameters.Count];

    protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        var t = ++steps[index];
        var average = averages[index] ??= zeros_like(parameter).DetachFromDisposeScope();
        var square = squares[index] ??= zeros_like(parameter).DetachFromDisposeScope();
        var correction1 = 1 - Math.Pow(beta1, t);
        var correction2 = 1 - Math.Pow(beta2, t);
        using Scalar b1 = beta1.ToScalar(), rest1 = (1 - beta1).ToScalar(), b2 = beta2.ToScalar(), rest2 = (1 - beta2).ToScalar(),
            root2 = Math.Sqrt(correction2).ToScalar(), eps = epsilon.ToScalar(), step = (-LearningRate / correction1).ToScalar();
        average.mul_(b1).add_(grad, alpha: rest1);
        square.mul_(b2).addcmul_(grad, grad, value: rest2);
        var denominator = square.sqrt().div(root2).add_(eps, ScalarOps.One);
        parameter.addcdiv_(average, denominator, value: step);
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var state in averages.Concat(squares)) state?.Dispose();
    }
}
