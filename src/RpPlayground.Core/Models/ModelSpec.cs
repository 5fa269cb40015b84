namespace RpPlayground.Core.Models;

/// <summary>A model as declared in configuration (section "Models:Declared") or on the command line.</summary>
public sealed record ModelSpec
{
    /// <summary>Short id used in links, the API and <c>rp --model</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Display name; the id when empty.</summary>
    public string? Name { get; init; }

    /// <summary>One sentence on what the model is and where its weights come from.</summary>
    public string? Description { get; init; }

    /// <summary><c>onnx</c> for an ONNX file, <c>world</c> for the built-in world model's TorchSharp weights.</summary>
    public string Format { get; init; } = "onnx";

    /// <summary>The weights file; a relative path is resolved against the catalog's base directory.</summary>
    public string File { get; init; } = "";

    /// <summary>A text file with one class label a line, in output order.</summary>
    public string Labels { get; init; } = "";

    /// <summary>Side of the square input the network expects, in pixels.</summary>
    public int InputSize { get; init; } = 224;

    /// <summary>Input normalisation: <c>unit</c> (pixels in [0, 1]), <c>imagenet</c>, or <c>custom</c> with <see cref="Mean"/> and <see cref="Std"/>.</summary>
    public string Normalize { get; init; } = "unit";

    /// <summary>Per-channel means (RGB) for <c>custom</c> normalisation, on the [0, 1] scale.</summary>
    public float[]? Mean { get; init; }

    /// <summary>Per-channel standard deviations (RGB) for <c>custom</c> normalisation, on the [0, 1] scale.</summary>
    public float[]? Std { get; init; }

    /// <summary>Softmax (single-label) or sigmoid (multi-label) outputs.</summary>
    public OutputKind Output { get; init; } = OutputKind.Softmax;

    /// <summary>The activation Grad-CAM reads (usually the last convolutional layer's output).</summary>
    public string? GradCamLayer { get; init; }

    /// <summary>
    /// The substrate perturbation methods use on this model by default, where the RP authors' blur mix (chosen for
    /// 300-pixel photos) does not remove this model's objects; null keeps the authors' choice.
    /// </summary>
    public Substrates.SubstrateOptions? Substrate { get; init; }

    /// <summary>RP's default input noise for this model, where the authors' 0.2 is more than the model tolerates; null keeps 0.2.</summary>
    public double? NoiseSigma { get; init; }

    /// <summary>The name to show.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Id : Name;
}
