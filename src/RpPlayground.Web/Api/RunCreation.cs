namespace RpPlayground.Web.Api;

/// <summary>The body of <c>POST /api/runs</c>: a whole run definition. Omitted fields take the model's and the authors' defaults.</summary>
public sealed record RunCreation
{
    public string Model { get; init; } = "";
    public string Sample { get; init; } = "";

    /// <summary>The class to explain, by label or by index.</summary>
    public string Target { get; init; } = "";

    public string Method { get; init; } = "rp";
    public int? Iterations { get; init; }
    public int Seed { get; init; }
    public bool NonTarget { get; init; } = true;
    public bool ReversedMask { get; init; } = true;
    public double? NonTargetWeight { get; init; }
    public double? Area { get; init; }
    public double? Smoothness { get; init; }

    /// <summary>The longest a name (model, sample, target, method) may be; error messages quote names, never more.</summary>
    public const int MaxFieldLength = 200;

    /// <summary>The first text field over <see cref="MaxFieldLength"/>, by its JSON name, or null.</summary>
    public string? LongestField() =>
        new[] { ("model", Model), ("sample", Sample), ("target", Target), ("method", Method) }
            .FirstOrDefault(f => (f.Item2?.Length ?? 0) > MaxFieldLength).Item1;
}
