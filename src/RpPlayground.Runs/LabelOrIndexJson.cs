using System.Text.Json;
using System.Text.Json.Serialization;

namespace RpPlayground.Runs;

/// <summary>A class by label (a JSON string) or by index (a JSON number or string), kept as a string.</summary>
public sealed class LabelOrIndexJson : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonTokenType.String => reader.GetString() ?? "",
        _ => throw new JsonException("The target must be a label or an index."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
