namespace RpPlayground.Core.Methods.Baselines;

/// <summary>Which layer a class activation map reads: null for the model's declared layer, else the last spatial feature map.</summary>
public sealed record CamOptions : IMethodOptions
{
    public string? Layer { get; init; }

    /// <summary>The problems with these options, as sentences; empty when valid (whether the layer exists is checked against the model when the run starts).</summary>
    public IEnumerable<string> Problems(ModelFacts model)
    {
        if (Layer is { Length: > 200 }) yield return "A layer name is at most 200 characters.";
    }
}
