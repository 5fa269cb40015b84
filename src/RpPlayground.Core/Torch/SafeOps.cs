using static TorchSharp.torch;

namespace RpPlayground.Core.Torch;

/// <summary>
/// LibTorch calls that TorchSharp 0.107.0 does not guard: an error inside them is a C++ exception no one catches,
/// and the process aborts ("terminate called after throwing an instance of 'c10::Error'"). Each is checked here
/// first and throws a managed <see cref="ArgumentException"/> instead. Call these, never the bare functions.
/// </summary>
public static class SafeOps
{
    /// <summary><c>torch.matmul</c> with its shape rules checked in managed code first.</summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        if (a.dim() == 0 || b.dim() == 0) throw new ArgumentException("matmul needs tensors of at least one dimension.");
        var inner = a.shape[^1];
        var other = b.dim() == 1 ? b.shape[0] : b.shape[^2];
        if (inner != other)
            throw new ArgumentException($"matmul shapes do not fit: [{string.Join(",", a.shape)}] x [{string.Join(",", b.shape)}] ({inner} != {other}).");
        var batchA = a.dim() > 2 ? a.shape[..^2] : [];
        var batchB = b.dim() > 2 ? b.shape[..^2] : [];
        for (int i = batchA.Length - 1, j = batchB.Length - 1; i >= 0 && j >= 0; i--, j--)
        {
            if (batchA[i] != batchB[j] && batchA[i] != 1 && batchB[j] != 1)
                throw new ArgumentException($"matmul batch dimensions do not broadcast: [{string.Join(",", a.shape)}] x [{string.Join(",", b.shape)}].");
        }
        return matmul(a, b);
    }
}
