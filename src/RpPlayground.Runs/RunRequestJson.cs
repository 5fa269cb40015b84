using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Runs;

/// <summary>
/// A <see cref="RunRequest"/> as JSON: the shape of a <see cref="RunDefinition"/> with every option of its method
/// written out (<c>model</c>, <c>image</c>, <c>target</c>, <c>seed</c>, <c>method</c>, <c>options</c>, <c>schedule</c>).
/// Definitions stored before the methods had options of their own (<c>modelId</c>, <c>sampleId</c> and a
/// <c>settings</c> object holding every method's part) are read too, so older shared runs, recordings and queued jobs load.
/// </summary>
public sealed class RunRequestJson : JsonConverter<RunRequest>
{
    public override RunRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var json = JsonNode.Parse(ref reader)?.AsObject() ?? throw new JsonException("Expected a run definition.");
        var method = Text(json, "method") ?? RobustPerturbationMethod.MethodId;
        var descriptor = MethodCatalog.Find(method) ?? throw new JsonException($"Unknown method '{Core.UserText.Short(method)}'.");
        var legacy = json["settings"] is JsonObject;
        var methodOptions = (legacy ? LegacyOptions(json["settings"]!.AsObject(), method) : json["options"] as JsonObject) ?? [];
        return new RunRequest(
            Text(json, legacy ? "modelId" : "model") ?? "",
            Text(json, legacy ? "sampleId" : "image") ?? "",
            json["target"] is JsonValue target && target.TryGetValue<int>(out var index) ? index : int.Parse(Text(json, "target") ?? "-1", System.Globalization.CultureInfo.InvariantCulture),
            method,
            (IMethodOptions)(methodOptions.Deserialize(descriptor.OptionsType, MethodJson.Options) ?? throw new JsonException("Expected the method's options.")),
            json["seed"]?.GetValue<int>() ?? 0)
        {
            Schedule = json["schedule"]?.Deserialize<IReadOnlyList<SwitchChange>>(MethodJson.Options) ?? [],
        };
    }

    public override void Write(Utf8JsonWriter writer, RunRequest value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, RunDefinition.Of(value), MethodJson.Options);

    static string? Text(JsonObject json, string name) => json[name] is JsonValue value ? value.ToString() : null;

    // The method's part of the old settings object (RP's switches were beside its options).
    static JsonObject? LegacyOptions(JsonObject settings, string method)
    {
        var part = method switch { "rp" => "rp", "mp" => "mp", "ep" => "ep", "rise" => "rise", "gradcam" => "cam", _ => null };
        var options = part is not null && settings[part] is JsonObject own ? (JsonObject)own.DeepClone() : [];
        if (method == RobustPerturbationMethod.MethodId && settings["switches"] is JsonObject switches) options["switches"] = switches.DeepClone();
        return options;
    }
}
