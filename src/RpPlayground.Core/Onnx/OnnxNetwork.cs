using System.Runtime.InteropServices;
using RpPlayground.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RpPlayground.Core.Onnx;

/// <summary>
/// An imported ONNX graph run node by node with LibTorch's differentiable operators. Floating-point initializers are
/// registered as parameters (frozen: gradients flow to the input, not the weights), so they move with the module
/// between devices and can be randomised; integer constants (shapes, axes, pads) stay on the CPU.
/// </summary>
public sealed class OnnxNetwork : ClassifierNetwork
{
    readonly IReadOnlyList<(OnnxNode Node, OnnxKernel Kernel)> steps;
    readonly Dictionary<string, string> parameterValue = new();   // registered name -> ONNX value name
    readonly Dictionary<string, Tensor> cpuConstants;
    readonly string inputName;
    readonly string outputName;

    internal OnnxNetwork(string name, string inputName, string outputName, IReadOnlyList<(OnnxNode Node, OnnxKernel Kernel)> steps,
        IReadOnlyDictionary<string, Tensor> floatConstants, Dictionary<string, Tensor> cpuConstants) : base(name)
    {
        this.inputName = inputName;
        this.outputName = outputName;
        this.steps = steps;
        this.cpuConstants = cpuConstants;
        var valueToParameter = new Dictionary<string, string>();
        foreach (var (value, data) in floatConstants)
        {
            var registered = $"p{parameterValue.Count}";
            register_parameter(registered, new Parameter(data, requires_grad: false));
            parameterValue[registered] = value;
            valueToParameter[value] = registered;
        }
        Layers = steps
            .Select(s => (s.Node, Parameters: s.Node.Inputs.Where(valueToParameter.ContainsKey).Select(v => valueToParameter[v]).ToArray()))
            .Where(s => s.Parameters.Length > 0 && s.Node.OpType is "Conv" or "Gemm" or "MatMul" or "BatchNormalization")
            .Select(s => new NetworkLayer(s.Node.Name, s.Node.OpType, s.Parameters))
            .ToArray();
        ActivationNames = steps.SelectMany(s => s.Node.Outputs).Where(o => o.Length > 0).ToArray();
    }

    /// <summary>The ONNX nodes in the order they run.</summary>
    public IReadOnlyList<OnnxNode> Nodes => steps.Select(s => s.Node).ToArray();

    /// <inheritdoc/>
    public override IReadOnlyList<string> ActivationNames { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<NetworkLayer> Layers { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => Run(input)[outputName];

    /// <inheritdoc/>
    public override (Tensor Logits, Tensor Activation) ForwardCapturing(Tensor input, string activation)
    {
        if (!ActivationNames.Contains(activation))
            throw new ArgumentException($"The network has no activation named '{activation}'.", nameof(activation));
        var values = Run(input);
        return (values[outputName], values[activation]);
    }

    /// <inheritdoc/>
    public override string? LastSpatialActivation(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var values = Run(input);
        return ActivationNames.LastOrDefault(name => IsSpatial(values[name]));
    }

    /// <inheritdoc/>
    public override long CountFlops(Tensor input)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var values = Run(input);
        long total = 0;
        foreach (var (node, _) in steps)
        {
            var output = values[node.Outputs[0]];
            total += node.OpType switch
            {
                // each output element of a convolution sums (C_in / groups) * kH * kW products
                "Conv" => 2 * output.numel() * (values[node.Inputs[1]].numel() / values[node.Inputs[1]].shape[0]),
                "MatMul" => 2 * output.numel() * values[node.Inputs[0]].shape[^1],
                "Gemm" => 2 * output.numel() * values[node.Inputs[0]].shape[node.Int("transA", 0) != 0 ? 0 : 1],
                _ => 0,
            };
        }
        return total;
    }

    Dictionary<string, Tensor> Run(Tensor input)
    {
        var values = new Dictionary<string, Tensor>(cpuConstants) { [inputName] = input };
        foreach (var (registered, parameter) in named_parameters())
            values[parameterValue[registered]] = parameter;
        foreach (var (node, kernel) in steps)
        {
            var inputs = node.Inputs.Select(n => n.Length == 0 ? null : values[n]).ToArray();
            Tensor output;
            try
            {
                output = kernel(node, inputs);
            }
            catch (OnnxImportException e)
            {
                throw node.Error(e.Message);
            }
            catch (ArgumentException e)
            {
                throw node.Error(e.Message);
            }
            catch (ExternalException e)
            {
                throw node.Error($"LibTorch refused the inputs [{string.Join("; ", inputs.Select(i => i is null ? "-" : string.Join(",", i.shape)))}]: {FirstLine(e.Message)}");
            }
            values[node.Outputs[0]] = output;
        }
        return values;
    }

    static string FirstLine(string message) => message.Split('\n', 2)[0];
}
