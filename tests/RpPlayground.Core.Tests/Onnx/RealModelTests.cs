using RpPlayground.Core.Images;
using RpPlayground.Core.Models;
using RpPlayground.Core.Onnx;
using RpPlayground.Core.Tests.Support;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Onnx;

/// <summary>Third-party ONNX files, imported and run by LibTorch, agree with ONNX Runtime on real photos.</summary>
public sealed class RealModelTests(ITestOutputHelper output)
{
    static readonly string[] Photos = ["chelsea.png", "coffee.png", "camera.png", "rocket.jpg"];

    [Fact]
    public void ResNet18BackboneMatchesOnnxRuntimeOnPhotos()
    {
        using var network = OnnxImporter.Load(TestPaths.ResNet18Onnx);
        // This CNTK export takes BGR pixels on the 0..255 scale; any input checks the arithmetic, so the photos go in as such.
        foreach (var photo in Photos.Take(3))
            CompareWithOnnxRuntime(network, TestPaths.ResNet18Onnx, photo, pixels => pixels.flip(1) * 255 - 114);
        Assert.Equal(22, network.Layers.Count(l => l.Kind == "Conv"));
        Assert.Equal(22, network.Layers.Count(l => l.Kind == "BatchNormalization"));
    }

    [Fact]
    public void DarknetTinyMatchesOnnxRuntimeOnPhotos()
    {
        var folder = TestPaths.DarknetTiny;
        var path = Path.Combine(folder, "model.onnx");
        using var network = OnnxImporter.Load(path);
        foreach (var photo in Photos)
            CompareWithOnnxRuntime(network, path, photo, pixels => pixels);
    }

    [Fact]
    public void DarknetTinySeesACatInChelsea()
    {
        var folder = TestPaths.DarknetTiny;
        var spec = new ModelSpec { Id = "darknet-tiny", File = Path.Combine(folder, "model.onnx"), Labels = Path.Combine(folder, "labels.txt") };
        using var classifier = ModelCatalog.LoadFiles(spec, CPU);
        using var image = new ImageDecoder(new ImageLimits()).DecodeFile(TestPaths.Photo("chelsea.png"), TestContext.Current.CancellationToken);
        var top = classifier.Classify(image, 3);
        output.WriteLine(string.Join("\n", top.Select(s => $"{s.Label}\t{s.Probability:P1}")));
        Assert.Equal("Egyptian cat", top[0].Label);
        Assert.All(top, s => Assert.Contains(s.Label, new[] { "Egyptian cat", "tabby", "tiger cat", "Persian cat", "Siamese cat", "lynx" }));
    }

    void CompareWithOnnxRuntime(OnnxNetwork network, string path, string photo, Func<Tensor, Tensor> toModelInput)
    {
        using var scope = NewDisposeScope();
        using var image = new ImageDecoder(new ImageLimits()).DecodeFile(TestPaths.Photo(photo));
        var input = toModelInput(ImageTensors.ToResizedTensor(image, 224, 224)).contiguous();
        var values = input.data<float>().ToArray();
        var (expected, shape) = OnnxRuntimeReference.Run(path, values, input.shape);

        var actual = network.call(input);
        Assert.Equal(shape, actual.shape);
        var ours = actual.data<float>().ToArray();
        var scale = expected.Max(Math.Abs);
        var worst = ours.Zip(expected, (a, e) => Math.Abs(a - e)).Max() / scale;
        output.WriteLine($"{Path.GetFileName(path)} on {photo}: largest difference {worst:E2} of the output's scale ({scale:G4})");
        Assert.True(worst <= 1e-4, $"{photo}: largest difference {worst:E2} of the output's scale");
    }
}
