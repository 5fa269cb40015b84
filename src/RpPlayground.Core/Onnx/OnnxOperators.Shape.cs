using static TorchSharp.torch;

namespace RpPlayground.Core.Onnx;

// Operators that rearrange or reduce dimensions.
public static partial class OnnxOperators
{
    static Tensor Flatten(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var axis = (int)Axis(node.Int("axis", 1), x.dim());
        var outer = x.shape.Take(axis).Aggregate(1L, (a, b) => a * b);
        return x.reshape(outer, -1);
    }

    static Tensor Reshape(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var shape = node.Opset < 5 ? node.Ints("shape") ?? throw node.Error("no shape attribute") : OnnxTensorReader.Longs(Required(inputs, 1));
        var allowZero = node.Int("allowzero", 0) != 0;
        // 0 copies the input's dimension at that position (unless allowzero); -1 is inferred.
        var resolved = shape.Select((d, k) => d == 0 && !allowZero ? x.shape[k] : d).ToArray();
        return x.reshape(resolved);
    }

    static Tensor Transpose(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var perm = node.Ints("perm") ?? Enumerable.Range(0, (int)x.dim()).Reverse().Select(d => (long)d).ToArray();
        return x.permute(perm);
    }

    static Tensor Squeeze(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var axes = node.Opset < 13 ? node.Ints("axes") : Optional(inputs, 1) is { } t ? OnnxTensorReader.Longs(t) : null;
        if (axes is null || axes.Length == 0)
            return x.reshape(x.shape.Where(d => d != 1).ToArray());
        foreach (var axis in axes.Select(a => Axis(a, x.dim())).OrderDescending().ToArray())
        {
            if (x.shape[axis] != 1) throw node.Error($"cannot squeeze axis {axis} of size {x.shape[axis]}");
            x = x.squeeze(axis);
        }
        return x;
    }

    static Tensor Unsqueeze(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var axes = (node.Opset < 13 ? node.Ints("axes") : OnnxTensorReader.Longs(Required(inputs, 1))) ?? throw node.Error("no axes");
        var rank = x.dim() + axes.Length;
        foreach (var axis in axes.Select(a => Axis(a, rank)).Order().ToArray())
            x = x.unsqueeze(axis);
        return x;
    }

    static Tensor ReduceMean(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var keep = node.Int("keepdims", 1) != 0;
        var axes = node.Opset < 18 ? node.Ints("axes") : Optional(inputs, 1) is { } t ? OnnxTensorReader.Longs(t) : null;
        if (axes is null || axes.Length == 0)
        {
            if (node.Opset >= 18 && node.Int("noop_with_empty_axes", 0) != 0) return x.alias();
            axes = Enumerable.Range(0, (int)x.dim()).Select(d => (long)d).ToArray();
        }
        return x.mean(axes.Select(a => Axis(a, x.dim())).ToArray(), keepdim: keep);
    }
}
