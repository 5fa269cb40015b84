using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Onnx;

// Convolution, normalisation, pooling and padding over 2-D feature maps [N, C, H, W].
public static partial class OnnxOperators
{
    static Tensor Conv(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var w = Required(inputs, 1);
        RequireFeatureMap(node, x);
        var kernel = node.Ints("kernel_shape") ?? w.shape[2..];
        var window = Window(node, x, kernel);
        var (input, padding) = PadIfUneven(x, window, PaddingModes.Constant, 0);
        return nn.functional.conv2d(input, w, Optional(inputs, 2), window.Strides, padding, window.Dilations, node.Int("group", 1));
    }

    static Tensor BatchNormalization(OnnxNode node, IReadOnlyList<Tensor?> inputs) =>
        nn.functional.batch_norm(
            Required(inputs, 0), Required(inputs, 3), Required(inputs, 4), Required(inputs, 1), Required(inputs, 2),
            training: false, momentum: 0, eps: node.Float("epsilon", 1e-5f));

    static Tensor MaxPool(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        RequireFeatureMap(node, x);
        if (node.Outputs.Count > 1 && node.Outputs[1].Length > 0) throw node.Error("the Indices output is not supported");
        var window = Window(node, x, node.Ints("kernel_shape") ?? throw node.Error("no kernel_shape"));
        // Padding never wins a max: pad with -infinity where the pads are uneven, else let LibTorch pad.
        var (input, padding) = PadIfUneven(x, window, PaddingModes.Constant, double.NegativeInfinity);
        return nn.functional.max_pool2d(input, window.Kernel, window.Strides, padding, window.Dilations, ceil_mode: node.Int("ceil_mode", 0) != 0);
    }

    static Tensor AveragePool(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        RequireFeatureMap(node, x);
        var window = Window(node, x, node.Ints("kernel_shape") ?? throw node.Error("no kernel_shape"));
        if (window.Dilations.Any(d => d != 1)) throw node.Error("dilations other than 1 are not supported");
        var ceil = node.Int("ceil_mode", 0) != 0;
        var includePad = node.Int("count_include_pad", 0) != 0;
        if (window.IsEven && window.Begin.Zip(window.Kernel).All(p => p.First * 2 <= p.Second))
            return nn.functional.avg_pool2d(x, window.Kernel, window.Strides, window.Begin, ceil, includePad);
        // Uneven or wide pads: pad explicitly; without count_include_pad, divide by the number of real pixels in each window.
        var padded = nn.functional.pad(x, TorchPads(window), PaddingModes.Constant, 0);
        var sums = nn.functional.avg_pool2d(padded, window.Kernel, window.Strides, new long[] { 0, 0 }, ceil, true);
        if (includePad) return sums;
        var real = nn.functional.pad(ones(1, 1, x.shape[2], x.shape[3], x.dtype, x.device), TorchPads(window), PaddingModes.Constant, 0);
        return sums / nn.functional.avg_pool2d(real, window.Kernel, window.Strides, new long[] { 0, 0 }, ceil, true);
    }

    static Tensor Pad(OnnxNode node, IReadOnlyList<Tensor?> inputs)
    {
        var x = Required(inputs, 0);
        var mode = node.String("mode", "constant") switch
        {
            "constant" => PaddingModes.Constant,
            "reflect" => PaddingModes.Reflect,
            "edge" => PaddingModes.Replicate,
            var other => throw node.Error($"mode '{other}' is not supported (constant, reflect, edge)"),
        };
        long[] pads;
        double value;
        long[] axes;
        if (node.Opset < 11)
        {
            pads = node.Ints("pads") ?? throw node.Error("no pads");
            value = node.Float("value", 0);
            axes = Enumerable.Range(0, (int)x.dim()).Select(d => (long)d).ToArray();
        }
        else
        {
            pads = OnnxTensorReader.Longs(Required(inputs, 1));
            value = Optional(inputs, 2) is { } v ? v.cpu().to(float64).item<double>() : 0;
            axes = Optional(inputs, 3) is { } a ? OnnxTensorReader.Longs(a).Select(d => Axis(d, x.dim())).ToArray() : Enumerable.Range(0, (int)x.dim()).Select(d => (long)d).ToArray();
        }
        if (pads.Length != 2 * axes.Length) throw node.Error($"{pads.Length} pads for {axes.Length} axes");

        // ONNX lists [begin of each axis..., end of each axis...]; LibTorch wants (begin, end) pairs from the last dimension back.
        var begin = new long[x.dim()];
        var end = new long[x.dim()];
        for (var k = 0; k < axes.Length; k++)
        {
            begin[axes[k]] = pads[k];
            end[axes[k]] = pads[k + axes.Length];
        }
        var first = Enumerable.Range(0, (int)x.dim()).FirstOrDefault(d => begin[d] != 0 || end[d] != 0, (int)x.dim());
        if (first == x.dim()) return x.alias();
        if (mode != PaddingModes.Constant && first < x.dim() - 2)
            throw node.Error($"mode '{node.String("mode", "")}' pads only the last two dimensions");
        var torchPads = new List<long>();
        for (var d = (int)x.dim() - 1; d >= first; d--)
        {
            torchPads.Add(begin[d]);
            torchPads.Add(end[d]);
        }
        return nn.functional.pad(x, torchPads.ToArray(), mode, value);
    }

    /// <summary>A pooling or convolution window over H and W, with the pads resolved (auto_pad included).</summary>
    sealed record PoolWindow(long[] Kernel, long[] Strides, long[] Dilations, long[] Begin, long[] End)
    {
        public bool IsEven => Begin.SequenceEqual(End);
    }

    static PoolWindow Window(OnnxNode node, Tensor x, long[] kernel)
    {
        if (kernel.Length != 2) throw node.Error($"only 2-D windows are supported, this one has {kernel.Length} dimension(s)");
        var strides = node.Ints("strides") ?? new long[] { 1, 1 };
        var dilations = node.Ints("dilations") ?? new long[] { 1, 1 };
        var autoPad = node.String("auto_pad", "NOTSET");
        long[] begin = new long[2], end = new long[2];
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            for (var d = 0; d < 2; d++)
            {
                var size = x.shape[2 + d];
                var output = (size + strides[d] - 1) / strides[d];
                var total = Math.Max(0, (output - 1) * strides[d] + (kernel[d] - 1) * dilations[d] + 1 - size);
                begin[d] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                end[d] = total - begin[d];
            }
        }
        else if (autoPad is "NOTSET" or "")
        {
            var pads = node.Ints("pads") ?? new long[4];
            if (pads.Length != 4) throw node.Error($"expected 4 pads, got {pads.Length}");
            begin = pads[..2];
            end = pads[2..];
        }
        else if (autoPad != "VALID")
        {
            throw node.Error($"auto_pad '{autoPad}' is not supported");
        }
        return new PoolWindow(kernel, strides, dilations, begin, end);
    }

    /// <summary>Pads explicitly when the pads differ between the two sides (LibTorch's own padding is symmetric).</summary>
    static (Tensor Input, long[] Padding) PadIfUneven(Tensor x, PoolWindow window, PaddingModes mode, double value) =>
        window.IsEven && window.Begin.Zip(window.Kernel).All(p => p.First * 2 <= p.Second || mode == PaddingModes.Constant && value == 0)
            ? (x, window.Begin)
            : (nn.functional.pad(x, TorchPads(window), mode, value), new long[] { 0, 0 });

    static long[] TorchPads(PoolWindow window) => new[] { window.Begin[1], window.End[1], window.Begin[0], window.End[0] };

    static void RequireFeatureMap(OnnxNode node, Tensor x)
    {
        if (x.dim() != 4) throw node.Error($"expected a 4-D input [N,C,H,W], got [{string.Join(",", x.shape)}]");
    }
}
