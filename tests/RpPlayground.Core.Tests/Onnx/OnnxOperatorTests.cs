using RpPlayground.Core.Onnx;
using RpPlayground.Core.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Onnx;

/// <summary>Each supported operator agrees with ONNX Runtime, and its input gradient with finite differences.</summary>
public sealed class OnnxOperatorTests
{
    [Theory]
    [MemberData(nameof(OperatorCases.Names), MemberType = typeof(OperatorCases))]
    public void OutputMatchesOnnxRuntime(string name)
    {
        var model = OperatorCases.Named(name).Model(out var builder);
        var input = builder.RandomInput();
        var (expected, expectedShape) = OnnxRuntimeReference.Run(model, input, builder.InputShape);

        using var scope = NewDisposeScope();
        using var network = OnnxImporter.Load(model, name);
        var output = network.call(tensor(input, builder.InputShape));

        Assert.Equal(expectedShape, output.shape);
        var actual = output.data<float>().ToArray();
        var scale = Math.Max(1e-6, expected.Max(Math.Abs));
        var worst = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max() / scale;
        Assert.True(worst < 1e-5, $"{name}: largest difference {worst:E2} of the output's scale");
    }

    [Theory]
    [MemberData(nameof(OperatorCases.Names), MemberType = typeof(OperatorCases))]
    public void InputGradientMatchesFiniteDifferences(string name)
    {
        var model = OperatorCases.Named(name).Model(out var builder);
        using var scope = NewDisposeScope();
        using var network = OnnxImporter.Load(model, name);
        network.to(float64);
        var x = tensor(builder.RandomInput(), builder.InputShape).to(float64);
        using var generator = new Generator(7);  // kept alive: LibTorch reads it during the call
        var weights = randn(network.call(x).shape, dtype: float64, generator: generator);
        double Loss(Tensor input) => (network.call(input) * weights).sum().item<double>();

        var xg = x.clone().requires_grad_(true);
        (network.call(xg) * weights).sum().backward();
        var analytic = xg.grad!.data<double>().ToArray();

        const double step = 1e-6;
        var flat = x.flatten();
        for (var i = 0; i < flat.numel(); i++)
        {
            var plus = flat.clone();
            plus[i] += step;
            var minus = flat.clone();
            minus[i] -= step;
            var numeric = (Loss(plus.reshape(x.shape)) - Loss(minus.reshape(x.shape))) / (2 * step);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-5 * Math.Max(1, Math.Abs(numeric)),
                $"{name}: element {i}: autograd {analytic[i]:G6}, finite difference {numeric:G6}");
        }
    }
}
