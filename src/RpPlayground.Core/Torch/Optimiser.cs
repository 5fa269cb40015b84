using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RpPlayground.Core.Torch;

/// <summary>
/// A first-order optimiser over a few parameters, written here instead of taking TorchSharp's: TorchSharp 0.107's
/// optimisers pass LibTorch numbers as implicit Scalars that another thread's garbage collection can free mid-call
/// (see <see cref="ScalarOps"/>). Same updates as PyTorch's, bit for bit (OptimiserTests checks against TorchSharp's).
/// </summary>
public abstract class Optimiser(IReadOnlyList<Parameter> parameters, double learningRate) : IDisposable
{
    protected IReadOnlyList<Parameter> Parameters { get; } = parameters;

    /// <summary>The step size; a schedule may change it between steps.</summary>
    public double LearningRate { get; set; } = learningRate;

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient; its temporaries die in a scope of their own.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (var i = 0; i < Parameters.Count; i++)
        {
            var grad = Parameters[i].grad;
            if (grad is not null) Update(i, Parameters[i], grad);
        }
    }

    /// <summary>Updates parameter number <paramref name="index"/> in place from its gradient.</summary>
    protected abstract void Update(int index, Parameter parameter, Tensor grad);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Frees the optimiser's state tensors.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
