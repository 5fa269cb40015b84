using RpPlayground.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace RpPlayground.Core.World;

/// <summary>
/// The built-in multi-label classifier for the synthetic world: four convolution blocks at 64, 32, 16 and 16 pixels,
/// global average pooling and one linear layer, one logit per class. Grad-CAM reads <c>block4</c> (96 channels at 16x16).
/// </summary>
public sealed class WorldNetwork : ClassifierNetwork
{
    /// <summary>Side of the square input.</summary>
    public const int InputSize = 128;

    // (in, out, kernel, stride): block1 halves the size with its stride, blocks 1 and 2 are followed by 2x2 max pooling.
    static readonly (int In, int Out, int Kernel, int Stride)[] Blocks = [(3, 24, 5, 2), (24, 48, 3, 1), (48, 64, 3, 1), (64, 96, 3, 1)];

    readonly Conv2d conv1, conv2, conv3, conv4;
    readonly BatchNorm2d norm1, norm2, norm3, norm4;
    readonly Linear classifier;

    public WorldNetwork(int classes) : base("world")
    {
        (conv1, norm1) = Block(0);
        (conv2, norm2) = Block(1);
        (conv3, norm3) = Block(2);
        (conv4, norm4) = Block(3);
        classifier = Linear(Blocks[^1].Out, classes);
        RegisterComponents();
        Layers = new[] { "conv1", "norm1", "conv2", "norm2", "conv3", "norm3", "conv4", "norm4", "classifier" }
            .Select(name => new NetworkLayer(name, name.StartsWith("conv") ? "Conv" : name.StartsWith("norm") ? "BatchNormalization" : "Linear",
                named_parameters().Where(p => p.name.StartsWith(name + ".", StringComparison.Ordinal)).Select(p => p.name).ToArray()))
            .ToArray();
    }

    /// <summary>A network with the weights <c>rp train world</c> saved at <paramref name="path"/>.</summary>
    public static WorldNetwork Load(string path, int classes)
    {
        var network = new WorldNetwork(classes);
        network.load(path);
        network.eval();
        return network;
    }

    static (Conv2d, BatchNorm2d) Block(int k)
    {
        var (cin, cout, kernel, stride) = Blocks[k];
        return (Conv2d(cin, cout, kernel, stride: stride, padding: kernel / 2, bias: false), BatchNorm2d(cout));
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> ActivationNames { get; } = ["block1", "block2", "block3", "block4"];

    /// <inheritdoc/>
    public override IReadOnlyList<NetworkLayer> Layers { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input) => Run(input, null).Logits;

    /// <inheritdoc/>
    public override (Tensor Logits, Tensor Activation) ForwardCapturing(Tensor input, string activation)
    {
        if (!ActivationNames.Contains(activation))
            throw new ArgumentException($"The world network has no activation '{activation}'; it has {string.Join(", ", ActivationNames)}.", nameof(activation));
        var (logits, captured) = Run(input, activation);
        return (logits, captured!);
    }

    /// <inheritdoc/>
    public override long CountFlops(Tensor input)
    {
        long total = 0, size = input.shape[2], batch = input.shape[0];
        for (var k = 0; k < Blocks.Length; k++)
        {
            var (cin, cout, kernel, stride) = Blocks[k];
            size = (size + stride - 1) / stride;
            total += 2 * batch * cout * size * size * cin * kernel * kernel;
            if (k < 2) size /= 2;
        }
        return total + 2 * batch * classifier.weight!.numel();
    }

    (Tensor Logits, Tensor? Captured) Run(Tensor x, string? capture)
    {
        Tensor? captured = null;
        x = functional.max_pool2d(functional.relu(norm1.call(conv1.call(x))), 2);
        if (capture == "block1") captured = x;
        x = functional.max_pool2d(functional.relu(norm2.call(conv2.call(x))), 2);
        if (capture == "block2") captured = x;
        x = functional.relu(norm3.call(conv3.call(x)));
        if (capture == "block3") captured = x;
        x = functional.relu(norm4.call(conv4.call(x)));
        if (capture == "block4") captured = x;
        return (classifier.call(x.mean([2, 3])), captured);
    }
}
