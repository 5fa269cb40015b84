using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Runs;

/// <summary>
/// A run as people and scripts define it, the one shape everywhere: the body of <c>POST /api/runs</c>, the definition a
/// shared run stores and <c>GET /api/shared/{id}</c> returns, what the playground's Run and its links make, and what
/// <c>rp explain --definition</c> reads. Model, image (sample or upload id), target (a label or an index), seed, the
/// method and any of its options (the rest are the model's recommendation), and RP's schedule of switch changes.
/// <see cref="RunDefinitions.Settle"/> checks it once and makes the <see cref="RunRequest"/> a run runs.
/// </summary>
public sealed record RunDefinition
{
    public string Model { get; init; } = "";

    /// <summary>The image: a sample's id (<c>world/scene-0001</c>, <c>photos/chelsea</c>) or an upload's (<c>upload/…</c>).</summary>
    public string Image { get; init; } = "";

    /// <summary>The class to explain, by label or by index (a JSON string or number).</summary>
    [JsonConverter(typeof(LabelOrIndexJson))]
    public string Target { get; init; } = "";

    public int Seed { get; init; }

    /// <summary>The method's id: rp, mp, ep, rise, gradcam, gradient.</summary>
    public string Method { get; init; } = RobustPerturbationMethod.MethodId;

    /// <summary>Any of the method's own options (for EP, <c>"preset"</c> too); the rest are the model's recommendation.</summary>
    public JsonObject? Options { get; init; }

    /// <summary>RP's switch changes to replay, by iteration.</summary>
    public IReadOnlyList<SwitchChange> Schedule { get; init; } = [];

    /// <summary>The definition of a settled run with every option written out: posting it starts the same run.</summary>
    public static RunDefinition Of(RunRequest request) => new()
    {
        Model = request.ModelId, Image = request.SampleId, Target = request.Target.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Seed = request.Seed, Method = request.Method, Options = MethodJson.ToObject(request.Options), Schedule = request.Schedule,
    };
}
