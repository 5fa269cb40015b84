using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RpPlayground.Core.Tests.Support;

/// <summary>Runs a model in ONNX Runtime, the independent reference the importer is checked against.</summary>
public static class OnnxRuntimeReference
{
    /// <summary>The first output's values and shape for one float input.</summary>
    public static (float[] Values, long[] Shape) Run(byte[] model, float[] input, long[] shape)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(model, options);
        var name = session.InputMetadata.Keys.Single();
        var tensor = new DenseTensor<float>(input, shape.Select(d => (int)d).ToArray());
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(name, tensor) });
        var output = results.First().AsTensor<float>();
        return (output.ToArray(), output.Dimensions.ToArray().Select(d => (long)d).ToArray());
    }

    /// <summary>The same for a model file.</summary>
    public static (float[] Values, long[] Shape) Run(string path, float[] input, long[] shape) => Run(File.ReadAllBytes(path), input, shape);
}
