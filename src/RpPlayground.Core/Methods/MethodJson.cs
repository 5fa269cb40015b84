using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RpPlayground.Core.Methods;

/// <summary>
/// Methods' options as JSON, the one form in run definitions, the database, Redis and the API: web names (camelCase),
/// enums as words. <see cref="Overlay"/> reads what a person or a script gave over the recommended options.
/// </summary>
public static class MethodJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The options as a JSON object.</summary>
    public static JsonObject ToObject(IMethodOptions options) => JsonSerializer.SerializeToNode(options, options.GetType(), Options)!.AsObject();

    /// <summary>
    /// <paramref name="recommended"/> with every field <paramref name="given"/> names replaced (objects field by field,
    /// as <c>substrate</c> and <c>switches</c>), as <paramref name="type"/>; throws <see cref="Core.InvalidRequestException"/>
    /// naming a field the method does not have or a value of the wrong kind.
    /// </summary>
    public static IMethodOptions Overlay(IMethodOptions recommended, JsonObject? given, Type type, string method)
    {
        var merged = ToObject(recommended);
        if (given is not null) Merge(merged, given, method, "");
        try
        {
            return (IMethodOptions)merged.Deserialize(type, Options)!;
        }
        catch (JsonException e)
        {
            throw new InvalidRequestException($"{method}: the option '{UserText.Short(e.Path?.TrimStart('$', '.') ?? "?")}' has a value of the wrong kind.", e);
        }
    }

    static void Merge(JsonObject into, JsonObject given, string method, string path)
    {
        foreach (var (name, value) in given)
        {
            var key = into.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidRequestException($"{method} has no option '{UserText.Short(path + name)}'. Its options: {string.Join(", ", into.Select(p => path + p.Key))}.");
            if (into[key] is JsonObject inner && value is JsonObject part) Merge(inner, part, method, $"{path}{key}.");
            else into[key] = value?.DeepClone();
        }
    }
}
