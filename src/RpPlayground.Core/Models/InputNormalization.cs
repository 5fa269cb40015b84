namespace RpPlayground.Core.Models;

/// <summary>Per-channel mean and standard deviation applied to [0, 1] pixels before the network.</summary>
public sealed record InputNormalization(float[] Mean, float[] Std)
{
    /// <summary>Pixels go in as they are, in [0, 1].</summary>
    public static readonly InputNormalization Unit = new([0f, 0f, 0f], [1f, 1f, 1f]);

    /// <summary>The ImageNet statistics torchvision's models were trained with.</summary>
    public static readonly InputNormalization ImageNet = new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>Whether the input passes unchanged.</summary>
    public bool IsIdentity => Mean.All(m => m == 0) && Std.All(s => s == 1);

    /// <summary>The normalisation a spec asks for.</summary>
    /// <exception cref="ArgumentException">An unknown name, or custom values that are not three positive numbers.</exception>
    public static InputNormalization From(ModelSpec spec) => spec.Normalize.Trim().ToLowerInvariant() switch
    {
        "unit" or "" => Unit,
        "imagenet" => ImageNet,
        "custom" when spec.Mean is { Length: 3 } mean && spec.Std is { Length: 3 } std && std.All(s => s > 0) => new(mean, std),
        "custom" => throw new ArgumentException($"Model '{spec.Id}': custom normalisation needs Mean and Std with three values each (Std positive)."),
        var other => throw new ArgumentException($"Model '{spec.Id}': unknown normalisation '{other}' (use unit, imagenet or custom)."),
    };
}
