using RpPlayground.Core.Onnx.Format;

namespace RpPlayground.Core.Onnx;

/// <summary>One graph node as the kernels see it: its operator, the opset it binds to, and typed attribute access.</summary>
public sealed class OnnxNode
{
    readonly Dictionary<string, AttributeProto> attributes;

    internal OnnxNode(NodeProto proto, long opset, int index)
    {
        OpType = proto.OpType;
        Opset = opset;
        Name = string.IsNullOrEmpty(proto.Name) ? $"#{index} ({proto.OpType} -> {proto.Output.FirstOrDefault()})" : proto.Name;
        Inputs = proto.Input.ToArray();
        Outputs = proto.Output.ToArray();
        attributes = proto.Attribute.ToDictionary(a => a.Name);
    }

    /// <summary>The ONNX operator, for example <c>Conv</c>.</summary>
    public string OpType { get; }

    /// <summary>The default-domain opset version the model imports.</summary>
    public long Opset { get; }

    /// <summary>The node's name, or a made-up one naming its position and first output.</summary>
    public string Name { get; }

    /// <summary>Names of the input values; an empty name is an omitted optional input.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Names of the output values.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>Whether the attribute is present.</summary>
    public bool Has(string name) => attributes.ContainsKey(name);

    /// <summary>An integer attribute, or <paramref name="fallback"/>.</summary>
    public long Int(string name, long fallback) => attributes.TryGetValue(name, out var a) ? a.I : fallback;

    /// <summary>A float attribute, or <paramref name="fallback"/>.</summary>
    public float Float(string name, float fallback) => attributes.TryGetValue(name, out var a) ? a.F : fallback;

    /// <summary>A string attribute, or <paramref name="fallback"/>.</summary>
    public string String(string name, string fallback) => attributes.TryGetValue(name, out var a) ? a.S.ToStringUtf8() : fallback;

    /// <summary>An integer-list attribute, or null when absent.</summary>
    public long[]? Ints(string name) => attributes.TryGetValue(name, out var a) ? a.Ints.ToArray() : null;

    /// <summary>A float-list attribute, or null when absent.</summary>
    public float[]? Floats(string name) => attributes.TryGetValue(name, out var a) ? a.Floats.ToArray() : null;

    /// <summary>A tensor attribute, or null when absent.</summary>
    public TensorProto? Tensor(string name) => attributes.TryGetValue(name, out var a) ? a.T : null;

    /// <summary>An error that names this node and its operator.</summary>
    public OnnxImportException Error(string problem) => new($"Node '{Name}' ({OpType}): {problem}");
}
