using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Onnx;

/// <summary>Computes one node from its inputs (an omitted optional input is null). Every kernel is differentiable where the operator is.</summary>
public delegate Tensor OnnxKernel(OnnxNode node, IReadOnlyList<Tensor?> inputs);

/// <summary>
/// The operators the importer supports, each written with LibTorch's differentiable functions, following the ONNX
/// operator specification (opset versions noted where an attribute moved to an input).
/// </summary>
public static partial class OnnxOperators
{
    static readonly Dictionary<string, OnnxKernel> Kernels = new(StringComparer.Ordinal)
    {
        ["Conv"] = Conv,
        ["BatchNormalization"] = BatchNormalization,
        ["MaxPool"] = MaxPool,
        ["AveragePool"] = AveragePool,
        ["GlobalAveragePool"] = (_, i) => Required(i, 0).mean(Enumerable.Range(2, (int)Required(i, 0).dim() - 2).Select(d => (long)d).ToArray(), keepdim: true),
        ["Pad"] = Pad,
        ["Relu"] = (_, i) => nn.functional.relu(Required(i, 0)),
        ["LeakyRelu"] = (n, i) => Required(i, 0).LeakyRelu(n.Float("alpha", 0.01f)),
        ["Sigmoid"] = (_, i) => Required(i, 0).sigmoid(),
        ["Clip"] = Clip,
        ["Softmax"] = Softmax,
        ["Add"] = (_, i) => Required(i, 0).Plus(Required(i, 1)),
        ["Sub"] = (_, i) => Required(i, 0) - Required(i, 1),
        ["Mul"] = (_, i) => Required(i, 0) * Required(i, 1),
        ["Div"] = Div,
        ["Gemm"] = Gemm,
        ["MatMul"] = (_, i) => SafeOps.MatMul(Required(i, 0), Required(i, 1)),
        ["Dropout"] = (_, i) => Required(i, 0).alias(),
        ["Identity"] = (_, i) => Required(i, 0).alias(),
        ["Concat"] = (n, i) => cat(i.Select((t, k) => t ?? throw n.Error($"input {k} is missing")).ToArray(), n.Int("axis", 0)),
        ["Flatten"] = Flatten,
        ["Reshape"] = Reshape,
        ["Transpose"] = Transpose,
        ["Squeeze"] = Squeeze,
        ["Unsqueeze"] = Unsqueeze,
        ["ReduceMean"] = ReduceMean,
    };

    /// <summary>The operator names the importer supports (Constant is folded at import).</summary>
    public static IReadOnlyCollection<string> Supported => Kernels.Keys.Append("Constant").Order().ToArray();

    /// <summary>The kernel for <paramref name="opType"/>, or null when the operator is not supported.</summary>
    public static OnnxKernel? Find(string opType) => Kernels.GetValueOrDefault(opType);

    static Tensor Required(IReadOnlyList<Tensor?> inputs, int index) =>
        (index < inputs.Count ? inputs[index] : null) ?? throw new OnnxImportException($"required input {index} is missing");

    static Tensor? Optional(IReadOnlyList<Tensor?> inputs, int index) => index < inputs.Count ? inputs[index] : null;

    static Tensor Clip(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        double? min = node.Opset < 11 ? (node.Has("min") ? node.Float("min", 0) : null) : Optional(inputs, 1)?.cpu().to(float64).item<double>();
        double? max = node.Opset < 11 ? (node.Has("max") ? node.Float("max", 0) : null) : Optional(inputs, 2)?.cpu().to(float64).item<double>();
        return (min, max) switch
        {
            (null, null) => x.alias(),
            ({ } lo, null) => x.ClampAtLeast(lo),
            (null, { } hi) => x.ClampAtMost(hi),
            ({ } lo, { } hi) => x.ClampTo(lo, hi),
        };
    }

    static Tensor Softmax(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        if (node.Opset >= 13) return x.softmax(node.Int("axis", -1));
        // Before opset 13 the input is seen as 2-D: dimensions before `axis` are the batch, the rest one vector.
        var axis = Axis(node.Int("axis", 1), x.dim());
        var batch = x.shape.Take((int)axis).Aggregate(1L, (a, b) => a * b);
        return x.reshape(batch, -1).softmax(1).reshape(x.shape);
    }

    static Tensor Div(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        Tensor a = Required(inputs, 0), b = Required(inputs, 1);
        return a.is_floating_point() || b.is_floating_point() ? a / b : a.div(b, RoundingMode.trunc);
    }

    static Tensor Gemm(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var a = Required(inputs, 0);
        var b = Required(inputs, 1);
        if (node.Int("transA", 0) != 0) a = a.t();
        if (node.Int("transB", 0) != 0) b = b.t();
        var y = SafeOps.MatMul(a, b);
        var alpha = node.Float("alpha", 1f);
        if (alpha != 1f) y = y.Times(alpha);
        var c = Optional(inputs, 2);
        if (c is null) return y;
        var beta = node.Float("beta", 1f);
        return y.Plus(beta == 1f ? c : c.Times(beta));
    }

    /// <summary>A possibly negative axis as a non-negative one for a tensor of <paramref name="rank"/> dimensions.</summary>
    static long Axis(long axis, long rank) => axis < 0 ? axis + rank : axis;
}
