using RpPlayground.Core.Models;
using RpPlayground.Core.Onnx;
using static RpPlayground.Core.Tests.Support.OnnxModelBuilder;

namespace RpPlayground.Core.Tests.Support;

/// <summary>Small classifiers built in memory: a convolution, ReLU, global pooling and a linear layer to a few classes.</summary>
public static class TinyClassifier
{
    /// <summary>A classifier of <paramref name="size"/> x <paramref name="size"/> images into <paramref name="classes"/> classes, on the CPU.</summary>
    /// <param name="spatial">Flatten the feature map instead of pooling it, so where things are matters.</param>
    public static ImageClassifier Create(int size = 12, int classes = 4, OutputKind output = OutputKind.Sigmoid, int seed = 3, bool spatial = false)
    {
        var b = new OnnxModelBuilder([1, 3, size, size], seed: seed);
        var conv = b.Node("Conv", ["x", b.Weights("w", [5, 3, 3, 3], 0.8), b.Weights("cb", [5], 0.1)], "features", Ints("pads", 1, 1, 1, 1));
        var relu = b.Node("Relu", [conv], "relu");
        var pooled = b.Node("Flatten", [spatial ? relu : b.Node("GlobalAveragePool", [relu], "gap")], "flat");
        var features = spatial ? 5 * size * size : 5;
        var logits = b.Node("Gemm", [pooled, b.Weights("fc", [classes, features], spatial ? 0.1 : 1.5), b.Weights("fb", [classes], 0.3)], "logits", Int("transB", 1));
        var network = OnnxImporter.Load(b.Build(logits), "tiny");
        var spec = new ModelSpec { Id = "tiny", InputSize = size, Output = output, GradCamLayer = "relu" };
        return new ImageClassifier(spec, Enumerable.Range(0, classes).Select(c => $"class {c}").ToArray(), network, TorchSharp.torch.CPU);
    }
}
