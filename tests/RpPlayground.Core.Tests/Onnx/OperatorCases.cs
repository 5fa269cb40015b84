using RpPlayground.Core.Tests.Support;
using static RpPlayground.Core.Tests.Support.OnnxModelBuilder;

namespace RpPlayground.Core.Tests.Onnx;

/// <summary>One small model per supported operator (and per tricky attribute), each with input "x".</summary>
public static class OperatorCases
{
    public sealed record Case(string Name, long[] InputShape, Func<OnnxModelBuilder, string> Build, int Opset = 13)
    {
        public byte[] Model(out OnnxModelBuilder builder)
        {
            builder = new OnnxModelBuilder(InputShape, Opset, seed: Name.Length);
            return builder.Build(Build(builder));
        }
    }

    static readonly long[] Map = [2, 4, 6, 6];

    public static readonly Case[] All =
    [
        new("Conv", Map, b => b.Node("Conv", ["x", b.Weights("w", [3, 4, 3, 3]), b.Weights("b", [3])], "y", Ints("pads", 1, 1, 1, 1))),
        new("Conv strided, dilated", Map, b => b.Node("Conv", ["x", b.Weights("w", [3, 4, 3, 3])], "y", Ints("strides", 2, 2), Ints("dilations", 2, 2), Ints("pads", 2, 1, 2, 1))),
        new("Conv grouped", Map, b => b.Node("Conv", ["x", b.Weights("w", [4, 2, 3, 3])], "y", Int("group", 2), Ints("kernel_shape", 3, 3))),
        new("Conv uneven pads", Map, b => b.Node("Conv", ["x", b.Weights("w", [2, 4, 3, 3])], "y", Ints("pads", 1, 0, 0, 2), Ints("strides", 2, 2))),
        new("Conv SAME_UPPER", [1, 2, 7, 5], b => b.Node("Conv", ["x", b.Weights("w", [2, 2, 4, 4])], "y", String("auto_pad", "SAME_UPPER"), Ints("strides", 2, 2))),
        new("BatchNormalization", Map, b => b.Node("BatchNormalization", ["x", b.Weights("s", [4]), b.Weights("b", [4]), b.Weights("m", [4]), b.Weights("v", [4], 0.1, 1)], "y", Float("epsilon", 1e-3f))),
        new("Relu", Map, b => b.Node("Relu", ["x"], "y")),
        new("LeakyRelu", Map, b => b.Node("LeakyRelu", ["x"], "y", Float("alpha", 0.1f))),
        new("Sigmoid", Map, b => b.Node("Sigmoid", ["x"], "y")),
        new("Clip", Map, b => b.Node("Clip", ["x", b.Floats("lo", [], [-0.5f]), b.Floats("hi", [], [0.7f])], "y")),
        new("Clip opset 6", Map, b => b.Node("Clip", ["x"], "y", Float("min", 0f), Float("max", 6f)), Opset: 6),
        new("Softmax", [3, 7], b => b.Node("Softmax", ["x"], "y")),
        new("Softmax opset 11 on a map", Map, b => b.Node("Softmax", ["x"], "y", Int("axis", 1)), Opset: 11),
        new("MaxPool", Map, b => b.Node("MaxPool", ["x"], "y", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2))),
        new("MaxPool uneven pads", [1, 2, 7, 7], b => b.Node("MaxPool", ["x"], "y", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 1, 1, 0, 0))),
        new("MaxPool ceil", [1, 2, 7, 7], b => b.Node("MaxPool", ["x"], "y", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2), Int("ceil_mode", 1))),
        new("AveragePool", Map, b => b.Node("AveragePool", ["x"], "y", Ints("kernel_shape", 3, 3), Ints("strides", 1, 1), Ints("pads", 1, 1, 1, 1))),
        new("AveragePool counting pads", Map, b => b.Node("AveragePool", ["x"], "y", Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1), Int("count_include_pad", 1))),
        new("AveragePool uneven pads", [1, 2, 7, 7], b => b.Node("AveragePool", ["x"], "y", Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Ints("pads", 0, 1, 2, 0))),
        new("GlobalAveragePool", Map, b => b.Node("GlobalAveragePool", ["x"], "y")),
        new("Add", Map, b => b.Node("Add", ["x", b.Weights("c", [4, 1, 1])], "y")),
        new("Sub", Map, b => b.Node("Sub", [b.Weights("c", [6]), "x"], "y")),
        new("Mul", Map, b => b.Node("Mul", ["x", "x"], "y")),
        new("Div", Map, b => b.Node("Div", ["x", b.Weights("c", [1, 4, 1, 1], 0.2, 2)], "y")),
        new("Concat", Map, b => b.Node("Concat", ["x", b.Node("Mul", ["x", b.Floats("two", [], [2f])], "x2")], "y", Int("axis", 1))),
        new("Flatten", Map, b => b.Node("Flatten", ["x"], "y", Int("axis", 2))),
        new("Reshape", Map, b => b.Node("Reshape", ["x", b.Longs("shape", 0, -1, 3)], "y")),
        new("Transpose", Map, b => b.Node("Transpose", ["x"], "y", Ints("perm", 0, 2, 3, 1))),
        new("Gemm", [3, 5], b => b.Node("Gemm", ["x", b.Weights("w", [4, 5]), b.Weights("c", [4])], "y", Int("transB", 1), Float("alpha", 0.5f), Float("beta", 2f))),
        new("MatMul", [2, 3, 5], b => b.Node("MatMul", ["x", b.Weights("w", [5, 4])], "y")),
        new("Dropout", Map, b => b.Node("Relu", [b.Node("Dropout", ["x"], "d")], "y")),
        new("Identity", Map, b => b.Node("Sigmoid", [b.Node("Identity", ["x"], "i")], "y")),
        new("Pad constant", Map, b => b.Node("Pad", ["x", b.Longs("pads", 0, 0, 1, 2, 0, 0, 2, 0), b.Floats("v", [], [0.25f])], "y")),
        new("Pad reflect", Map, b => b.Node("Pad", ["x", b.Longs("pads", 0, 0, 2, 1, 0, 0, 1, 2)], "y", String("mode", "reflect"))),
        new("Pad edge", Map, b => b.Node("Pad", ["x", b.Longs("pads", 0, 0, 1, 1, 0, 0, 2, 1)], "y", String("mode", "edge"))),
        new("Constant", Map, b => b.Node("Add", ["x", b.Node("Constant", [], "k", Tensor("value", [1f, -2f, 3f, 0.5f, 0f, 1f], [6]))], "y")),
        new("Squeeze", [2, 1, 5, 1], b => b.Node("Squeeze", ["x", b.Longs("axes", 1, -1)], "y")),
        new("Unsqueeze", [2, 5], b => b.Node("Unsqueeze", ["x", b.Longs("axes", 0, -1)], "y")),
        new("ReduceMean", Map, b => b.Node("ReduceMean", ["x"], "y", Ints("axes", 2, 3), Int("keepdims", 0))),
    ];

    public static TheoryData<string> Names() => new(All.Select(c => c.Name));

    public static Case Named(string name) => All.Single(c => c.Name == name);
}
