namespace RpPlayground.Web.Api;

/// <summary>The body of <c>POST /api/runs</c>: a whole run definition. Omitted fields take the model's and the authors' defaults.</summary>
public sealed record RunCreation
{
    public string Model { get; init; } = "";
    public string Sample { get; init; } = "";

    /// <summary>The class to explain, by label or by index.</summary>
    public string Target { get; init; } = "";

    public string Method { get; init; } = "rp";

    /// <summary>The method's steps: RP, MP and EP iterations, RISE masks; omitted for its default, refused for one-shot methods.</summary>
    public int? Iterations { get; init; }
    public int Seed { get; init; }
    public bool NonTarget { get; init; } = true;
    public bool ReversedMask { get; init; } = true;
    public double? NonTargetWeight { get; init; }
    public double? Area { get; init; }
    public double? Smoothness { get; init; }

    /// <summary>EP's settings by preset name ("paper", "torchray"); omitted: the paper's.</summary>
    public string? EpPreset { get; init; }

    /// <summary>The layer Grad-CAM reads; omitted: the model's declared layer, else the last spatial feature map.</summary>
    public string? GradCamLayer { get; init; }

    /// <summary>RP's switch changes to replay, by iteration (as a run's state or a shared run reports them).</summary>
    public IReadOnlyList<Core.Methods.RobustPerturbation.SwitchChange>? Schedule { get; init; }

    /// <summary>The most switch changes a schedule may hold.</summary>
    public const int MaxScheduleLength = 100;

    /// <summary>The longest a name (model, sample, target, method) may be; error messages quote names, never more.</summary>
    public const int MaxFieldLength = 200;

    /// <summary>The first field sent as JSON <c>null</c> that must have a value, by its JSON path, or null when there is none.</summary>
    public string? NullField()
    {
        foreach (var (name, value) in new[] { ("model", (object?)Model), ("sample", Sample), ("target", Target), ("method", Method) })
            if (value is null) return name;
        for (var i = 0; i < (Schedule?.Count ?? 0); i++)
        {
            if (Schedule![i] is null) return $"schedule[{i}]";
            if (Schedule[i].Switches is null) return $"schedule[{i}].switches";
        }
        return null;
    }

    /// <summary>The first text field over <see cref="MaxFieldLength"/>, by its JSON name, or null.</summary>
    public string? LongestField() =>
        new[] { ("model", Model), ("sample", Sample), ("target", Target), ("method", Method), ("epPreset", EpPreset ?? ""), ("gradCamLayer", GradCamLayer ?? "") }
            .FirstOrDefault(f => (f.Item2?.Length ?? 0) > MaxFieldLength).Item1;
}
