namespace RpPlayground.Core.Models;

/// <summary>How logits become class probabilities.</summary>
public enum OutputKind
{
    /// <summary>Single-label: probabilities sum to one over the classes.</summary>
    Softmax,

    /// <summary>Multi-label: one independent sigmoid per class.</summary>
    Sigmoid,
}
