using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RpPlayground.Core.Torch;

/// <summary>
/// Stochastic gradient descent with momentum and dampening as PyTorch computes it (no Nesterov, no weight decay): the
/// first step's buffer is the gradient; later ones are momentum·b + (1 − dampening)·g; the step is −lr·b.
/// </summary>
public sealed class SgdOptimiser(IReadOnlyList<Parameter> parameters, double learningRate, double momentum = 0, double dampening = 0)
    : Optimiser(parameters, learningRate)
{
    readonly Tensor?[] buffers = new Tensor?[parameters.Count];

    protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        var direction = grad;
        if (momentum != 0)
        {
            if (buffers[index] is not { } buffer)
            {
                buffers[index] = grad.clone().detach().DetachFromDisposeScope();
            }
            else
            {
                using Scalar m = momentum.ToScalar(), kept = (1 - dampening).ToScalar();
                buffer.mul_(m).add_(grad, alpha: kept);
            }
            direction = buffers[index]!;
        }
        using var step = (-LearningRate).ToScalar();
        parameter.add_(direction, alpha: step);
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var t in buffers) t?.Dispose();
    }
}
