using System.Text.Json;

namespace RpPlayground.Runs;

/// <summary>The one JSON form of runs' definitions and frames, for the database and for Redis: the methods' (<see cref="Core.Methods.MethodJson"/>), web names, enums as words.</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options => Core.Methods.MethodJson.Options;

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The value, or an <see cref="InvalidDataException"/> naming what was expected.</summary>
    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"Expected a {typeof(T).Name}, got null.");
}
