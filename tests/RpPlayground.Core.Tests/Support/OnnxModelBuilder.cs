using Google.Protobuf;
using RpPlayground.Core.Onnx.Format;

namespace RpPlayground.Core.Tests.Support;

/// <summary>Builds small ONNX models in memory: one float input "x", nodes, seeded random initializers, one output.</summary>
public sealed class OnnxModelBuilder(long[] inputShape, int opset = 13, int seed = 1)
{
    readonly GraphProto graph = new() { Name = "test" };
    readonly Random random = new(seed);

    /// <summary>The input's shape.</summary>
    public long[] InputShape => inputShape;

    /// <summary>Adds a float initializer of normal random values times <paramref name="scale"/> plus <paramref name="offset"/>.</summary>
    public string Weights(string name, long[] shape, double scale = 0.5, double offset = 0)
    {
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var values = Enumerable.Range(0, (int)count).Select(_ => (float)(Normal() * scale + offset)).ToArray();
        return Floats(name, shape, values);
    }

    /// <summary>Adds a float initializer with the given values (stored as raw little-endian bytes).</summary>
    public string Floats(string name, long[] shape, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(shape);
        tensor.RawData = ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray());
        graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds an int64 initializer (shapes, axes, pads).</summary>
    public string Longs(string name, params long[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.Int64Data.AddRange(values);
        graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a node; returns its (first) output name.</summary>
    public string Node(string op, string[] inputs, string output, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op.ToLowerInvariant()}_{graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        graph.Node.Add(node);
        return output;
    }

    /// <summary>The serialized model whose output is <paramref name="output"/>.</summary>
    public byte[] Build(string output)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "rp-playground-tests", Graph = graph.Clone() };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        model.Graph.Input.Add(Value("x", inputShape));
        model.Graph.Output.Add(Value(output, null));
        return model.ToByteArray();
    }

    /// <summary>Seeded random input values in a normal distribution.</summary>
    public float[] RandomInput() => Enumerable.Range(0, (int)inputShape.Aggregate(1L, (a, b) => a * b)).Select(_ => (float)Normal()).ToArray();

    public static AttributeProto Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    public static AttributeProto Int(string name, long value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto String(string name, string value) => new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    public static AttributeProto Tensor(string name, float[] values, long[] shape)
    {
        var t = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(shape);
        t.FloatData.AddRange(values);
        return new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = t };
    }

    static ValueInfoProto Value(string name, long[]? shape)
    {
        var type = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float };
        if (shape is not null)
        {
            type.Shape = new TensorShapeProto();
            foreach (var d in shape) type.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = type } };
    }

    double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
