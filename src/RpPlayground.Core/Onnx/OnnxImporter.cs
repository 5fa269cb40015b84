using Google.Protobuf;
using RpPlayground.Core.Onnx.Format;
using static TorchSharp.torch;

namespace RpPlayground.Core.Onnx;

/// <summary>Reads an ONNX file (parsed with Google.Protobuf from the project's own subset of onnx.proto) into an <see cref="OnnxNetwork"/>.</summary>
public static class OnnxImporter
{
    /// <summary>Imports the model at <paramref name="path"/>; every problem is an <see cref="OnnxImportException"/> naming the file.</summary>
    public static OnnxNetwork Load(string path)
    {
        if (!File.Exists(path)) throw new OnnxImportException($"No ONNX file at '{path}'.");
        try
        {
            return Import(Parse(File.ReadAllBytes(path), path), Path.GetFileNameWithoutExtension(path));
        }
        catch (OnnxImportException e)
        {
            throw new OnnxImportException($"{Path.GetFileName(path)}: {e.Message}", e.InnerException);
        }
    }

    /// <summary>Imports a model held in memory (tests build these).</summary>
    public static OnnxNetwork Load(byte[] model, string name = "model") => Import(Parse(model, name), name);

    static ModelProto Parse(byte[] bytes, string source)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxImportException($"'{source}' is not an ONNX model (it is not a readable protobuf ModelProto: {e.Message})", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0 || model.IrVersion <= 0)
            throw new OnnxImportException($"'{source}' is not an ONNX model (no IR version or no graph).");
        return model;
    }

    static OnnxNetwork Import(ModelProto model, string name)
    {
        var graph = model.Graph;
        var opset = model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();
        if (opset == 0) throw new OnnxImportException("the model imports no version of the default ONNX operator set.");

        var constants = new Dictionary<string, Tensor>();
        foreach (var initializer in graph.Initializer)
            constants[initializer.Name] = OnnxTensorReader.Read(initializer);

        var inputs = graph.Input.Select(i => i.Name).Where(n => !constants.ContainsKey(n)).ToArray();
        if (inputs.Length != 1)
            throw new OnnxImportException($"an image classifier has one input; this graph has {inputs.Length} ({string.Join(", ", inputs)}).");
        if (graph.Output.Count == 0) throw new OnnxImportException("the graph declares no output.");

        var known = new HashSet<string>(constants.Keys) { inputs[0] };
        var steps = new List<(OnnxNode Node, OnnxKernel Kernel)>();
        for (var index = 0; index < graph.Node.Count; index++)
        {
            var proto = graph.Node[index];
            var node = new OnnxNode(proto, opset, index);
            if (proto.Domain is not ("" or "ai.onnx"))
                throw node.Error($"operator domain '{proto.Domain}' is not supported; only the default ONNX domain is.");
            var missing = node.Inputs.FirstOrDefault(i => i.Length > 0 && !known.Contains(i));
            if (missing is not null) throw node.Error($"input '{missing}' is produced by no earlier node (the graph must be sorted).");
            if (node.OpType == "Constant")
            {
                constants[node.Outputs[0]] = ConstantValue(node);
            }
            else
            {
                var kernel = OnnxOperators.Find(node.OpType)
                    ?? throw node.Error($"operator '{node.OpType}' is not supported. Supported: {string.Join(", ", OnnxOperators.Supported)}.");
                steps.Add((node, kernel));
            }
            known.UnionWith(node.Outputs.Where(o => o.Length > 0));
        }
        var output = graph.Output[0].Name;
        if (!known.Contains(output)) throw new OnnxImportException($"the output '{output}' is computed by no node.");

        var floats = constants.Where(c => c.Value.is_floating_point()).ToDictionary(c => c.Key, c => c.Value);
        var others = constants.Where(c => !c.Value.is_floating_point()).ToDictionary(c => c.Key, c => c.Value);
        return new OnnxNetwork(name, inputs[0], output, steps, floats, others);
    }

    static Tensor ConstantValue(OnnxNode node)
    {
        if (node.Tensor("value") is { } value) return OnnxTensorReader.Read(value);
        if (node.Has("value_float")) return tensor(node.Float("value_float", 0));
        if (node.Floats("value_floats") is { } floats) return tensor(floats);
        if (node.Has("value_int")) return tensor(node.Int("value_int", 0));
        if (node.Ints("value_ints") is { } ints) return tensor(ints);
        throw node.Error("only tensor, float and integer constants are supported.");
    }
}
