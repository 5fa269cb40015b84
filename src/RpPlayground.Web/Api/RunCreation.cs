using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;

namespace RpPlayground.Web.Api;

/// <summary>
/// The body of <c>POST /api/runs</c>: a <see cref="RunDefinition"/> (model, image, target, seed, method, options,
/// schedule), as a shared run's definition is stored and returned, so either posts back as it is. The flat fields of
/// the body before the methods had options of their own (<c>sample</c>, <c>iterations</c>, <c>nonTarget</c>,
/// <c>reversedMask</c>, <c>nonTargetWeight</c>, <c>area</c>, <c>smoothness</c>, <c>epPreset</c>, <c>gradCamLayer</c>) are
/// still accepted and mean what they meant (the README lists them as older); <see cref="Options"/> wins where both speak.
/// </summary>
public sealed record RunCreation
{
    public string Model { get; init; } = "";

    /// <summary>The image: a sample's or an upload's id.</summary>
    public string? Image { get; init; }

    /// <summary>The class to explain, by label or by index.</summary>
    [JsonConverter(typeof(LabelOrIndexJson))]
    public string Target { get; init; } = "";

    public int Seed { get; init; }

    public string Method { get; init; } = RobustPerturbationMethod.MethodId;

    /// <summary>Any of the method's own options; the rest are the model's recommendation.</summary>
    public JsonObject? Options { get; init; }

    /// <summary>RP's switch changes to replay, by iteration (as a run's state or a shared run reports them).</summary>
    public IReadOnlyList<SwitchChange>? Schedule { get; init; }

    /// <summary>Older name of <see cref="Image"/>.</summary>
    public string? Sample { get; init; }

    /// <summary>Older field: the method's steps (RP, MP and EP iterations, RISE masks).</summary>
    public int? Iterations { get; init; }

    /// <summary>Older fields: RP's switches at the start.</summary>
    public bool? NonTarget { get; init; }

    public bool? ReversedMask { get; init; }

    public double? NonTargetWeight { get; init; }

    public double? Area { get; init; }

    public double? Smoothness { get; init; }

    /// <summary>Older field: EP's preset by name ("paper", "torchray").</summary>
    public string? EpPreset { get; init; }

    /// <summary>Older field: the layer Grad-CAM reads.</summary>
    public string? GradCamLayer { get; init; }

    /// <summary>The most switch changes a schedule may hold.</summary>
    public const int MaxScheduleLength = 100;

    /// <summary>The longest a name (model, image, target, method) may be; error messages quote names, never more.</summary>
    public const int MaxFieldLength = 200;

    /// <summary>The first field sent as JSON <c>null</c> that must have a value, by its JSON path, or null when there is none.</summary>
    public string? NullField()
    {
        foreach (var (name, value) in new[] { ("model", (object?)Model), ("target", Target), ("method", Method) })
            if (value is null) return name;
        if (Image is null && Sample is null) return "image";
        for (var i = 0; i < (Schedule?.Count ?? 0); i++)
        {
            if (Schedule![i] is null) return $"schedule[{i}]";
            if (Schedule[i].Switches is null) return $"schedule[{i}].switches";
        }
        return null;
    }

    /// <summary>The first text field over <see cref="MaxFieldLength"/>, by its JSON name, or null.</summary>
    public string? LongestField() =>
        new[] { ("model", Model), ("image", Image ?? Sample ?? ""), ("target", Target), ("method", Method), ("epPreset", EpPreset ?? ""), ("gradCamLayer", GradCamLayer ?? "") }
            .FirstOrDefault(f => (f.Item2?.Length ?? 0) > MaxFieldLength).Item1;

    /// <summary>The definition this body asks for, the older fields written into the method's options.</summary>
    public RunDefinition ToDefinition()
    {
        var options = new JsonObject();
        if (Iterations is { } steps && MethodCatalog.Find(Method)?.Steps is { } counted) options[counted.Name] = steps;
        else if (Iterations is { } one) options["iterations"] = one;  // a method of one pass: its reading refuses the field by name
        var switches = new JsonObject();
        if (NonTarget is { } nt) switches["nonTarget"] = nt;
        if (ReversedMask is { } rm) switches["reversedMask"] = rm;
        if (NonTargetWeight is { } ntw) switches["nonTargetWeight"] = ntw;
        if (Area is { } area) switches["area"] = area;
        if (Smoothness is { } smoothness) switches["smoothness"] = smoothness;
        if (switches.Count > 0) options["switches"] = switches;
        if (EpPreset is not null) options["preset"] = EpPreset;
        if (GradCamLayer is not null) options["layer"] = GradCamLayer;
        foreach (var (name, value) in Options ?? []) options[name] = value?.DeepClone();
        return new RunDefinition
        {
            Model = Model, Image = Image ?? Sample ?? "", Target = Target, Seed = Seed, Method = Method,
            Options = options.Count > 0 ? options : null, Schedule = Schedule ?? [],
        };
    }
}
