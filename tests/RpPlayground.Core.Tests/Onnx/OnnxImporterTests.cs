using RpPlayground.Core.Onnx;
using RpPlayground.Core.Tests.Support;
using static RpPlayground.Core.Tests.Support.OnnxModelBuilder;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Onnx;

/// <summary>Files the importer must refuse, each with a message that says what is wrong and where.</summary>
public sealed class OnnxImporterTests
{
    [Fact]
    public void UnsupportedOperatorIsNamedWithItsNode()
    {
        var b = new OnnxModelBuilder([1, 3]);
        var model = b.Build(b.Node("Tanh", ["x"], "y"));
        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Load(model));
        Assert.Contains("'tanh_0'", error.Message);
        Assert.Contains("operator 'Tanh' is not supported", error.Message);
        Assert.Contains("Conv", error.Message);
    }

    [Fact]
    public void AFileThatIsNotOnnxIsRefusedByName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(path, "hello, this is text and not a protobuf model");
        try
        {
            var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Load(path));
            Assert.Contains(Path.GetFileName(path), error.Message);
            Assert.Contains("not an ONNX model", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingFileIsReported()
    {
        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Load("/nonexistent/model.onnx"));
        Assert.Contains("No ONNX file", error.Message);
    }

    [Fact]
    public void ANodeReadingAValueNobodyMadeIsReported()
    {
        var b = new OnnxModelBuilder([1, 3]);
        var model = b.Build(b.Node("Relu", ["nowhere"], "y"));
        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Load(model));
        Assert.Contains("input 'nowhere'", error.Message);
    }

    [Fact]
    public void AShapeMismatchAtRunTimeNamesTheNode()
    {
        var b = new OnnxModelBuilder([1, 3]);
        var model = b.Build(b.Node("MatMul", ["x", b.Weights("w", [4, 2])], "y"));
        using var network = OnnxImporter.Load(model);
        using var scope = NewDisposeScope();
        var error = Assert.Throws<OnnxImportException>(() => network.call(zeros(1, 3)));
        Assert.Contains("matmul_0", error.Message);
    }

    [Fact]
    public void WeightsBecomeFrozenParametersGroupedByLayer()
    {
        var b = new OnnxModelBuilder([1, 2, 4, 4]);
        var conv = b.Node("Conv", ["x", b.Weights("w", [3, 2, 3, 3]), b.Weights("bias", [3])], "c", Ints("pads", 1, 1, 1, 1));
        var model = b.Build(b.Node("Relu", [conv], "y"));
        using var network = OnnxImporter.Load(model);
        var layer = Assert.Single(network.Layers);
        Assert.Equal("Conv", layer.Kind);
        Assert.Equal(2, network.ParametersOf(layer).Count);
        Assert.All(network.parameters(), p => Assert.False(p.requires_grad));
        Assert.Equal(["c", "y"], network.ActivationNames);
        // 2 FLOPs per multiply-add: 3 output channels x 16 positions x (2 x 3 x 3) products.
        using var scope = NewDisposeScope();
        Assert.Equal(2L * 3 * 16 * 18, network.CountFlops(zeros(1, 2, 4, 4)));
    }
}
