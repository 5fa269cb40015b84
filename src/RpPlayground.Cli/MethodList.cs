using RpPlayground.Core.Methods;

namespace RpPlayground.Cli;

/// <summary>The <c>--methods</c> list of the evaluation commands.</summary>
public static class MethodList
{
    /// <summary>Every method, as a <c>--methods</c> default.</summary>
    public static string All { get; } = string.Join(",", MethodCatalog.Ids);

    /// <summary>The method ids in a comma-separated list; an unknown one is a usage error.</summary>
    public static string[] Parse(string list)
    {
        var ids = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = ids.FirstOrDefault(id => !MethodCatalog.Ids.Contains(id));
        if (unknown is not null) throw new UsageException($"Unknown method '{unknown}'. Methods: {string.Join(", ", MethodCatalog.Ids)}.");
        if (ids.Length == 0) throw new UsageException($"Name at least one method: {string.Join(", ", MethodCatalog.Ids)}.");
        return ids;
    }
}
