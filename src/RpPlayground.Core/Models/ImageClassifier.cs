using RpPlayground.Core.Images;
using SixLabors.ImageSharp;
using TorchSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace RpPlayground.Core.Models;

/// <summary>
/// A loaded classifier with everything needed to use it on images: labels, input size, normalisation, output kind
/// and device. Explanation methods work on [N, 3, S, S] pixels in [0, 1]; <see cref="Logits"/> normalises them.
/// </summary>
public sealed class ImageClassifier : IDisposable
{
    readonly Tensor? mean;
    readonly Tensor? std;

    /// <summary>Wraps <paramref name="network"/>, moving it to <paramref name="device"/> in evaluation mode.</summary>
    public ImageClassifier(ModelSpec spec, IReadOnlyList<string> labels, ClassifierNetwork network, Device device)
    {
        Spec = spec;
        Labels = labels;
        Device = device;
        Network = network;
        Network.to(device);
        Network.eval();
        // Explanations differentiate with respect to the input only; frozen weights spare backward passes their gradients.
        foreach (var parameter in Network.parameters()) parameter.requires_grad = false;
        var normalization = InputNormalization.From(spec);
        if (!normalization.IsIdentity)
        {
            mean = tensor(normalization.Mean, new long[] { 1, 3, 1, 1 }, device: device);
            std = tensor(normalization.Std, new long[] { 1, 3, 1, 1 }, device: device);
        }
    }

    /// <summary>The declaration this classifier was loaded from.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Class labels in output order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The network itself.</summary>
    public ClassifierNetwork Network { get; }

    /// <summary>Where the network's weights live.</summary>
    public Device Device { get; }

    /// <summary>Side of the square input, in pixels.</summary>
    public int InputSize => Spec.InputSize;

    /// <summary>The image resized to the input size, as [1, 3, S, S] pixels in [0, 1] on the classifier's device.</summary>
    public Tensor Prepare(Image<Rgb24> image)
    {
        using var cpu = ImageTensors.ToResizedTensor(image, InputSize, InputSize);
        return cpu.to(Device);
    }

    /// <summary>Logits [N, classes] for pixels [N, 3, S, S] in [0, 1]; differentiable with respect to the pixels.</summary>
    public Tensor Logits(Tensor pixels) => Network.call(Normalize(pixels));

    /// <summary>The network's input for pixels in [0, 1].</summary>
    public Tensor Normalize(Tensor pixels) => mean is null || std is null ? pixels : (pixels - mean) / std;

    /// <summary>Probabilities from logits: softmax over classes, or one sigmoid per class.</summary>
    public Tensor Probabilities(Tensor logits) => Spec.Output == OutputKind.Sigmoid ? logits.sigmoid() : logits.softmax(-1);

    /// <summary>Every class's probability on one image [1, 3, S, S], without gradients.</summary>
    public float[] ProbabilitiesOf(Tensor image)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Probabilities(Logits(image))[0].detach().cpu().contiguous().data<float>().ToArray();
    }

    /// <summary>The <paramref name="top"/> most probable classes for one image.</summary>
    public IReadOnlyList<ClassScore> Classify(Image<Rgb24> image, int top = 5)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = Logits(Prepare(image))[0].cpu();
        var probabilities = Probabilities(logits.unsqueeze(0))[0];
        var (values, indices) = probabilities.topk(Math.Min(top, Labels.Count));
        var logitValues = logits.data<float>().ToArray();
        return values.data<float>().ToArray()
            .Zip(indices.data<long>().ToArray(), (p, i) => new ClassScore((int)i, Labels[(int)i], p, logitValues[i]))
            .ToArray();
    }

    /// <summary>The index of a class given by exact label (case-insensitive) or by number.</summary>
    /// <exception cref="UnknownLabelException">No such class; the message lists close labels.</exception>
    public int LabelIndex(string label) => LabelLookup.Index(Labels, label, Spec.Id);

    /// <inheritdoc/>
    public void Dispose()
    {
        Network.Dispose();
        mean?.Dispose();
        std?.Dispose();
    }
}
