using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;

namespace RpPlayground.Cli;

/// <summary>The <c>--methods</c> list of the evaluation commands, each method with the model's recommended settings.</summary>
public static class MethodList
{
    public const string All = "rp,mp,ep,rise,gradcam,gradient";

    /// <summary>The method ids in a comma-separated list; an unknown one is a usage error.</summary>
    public static string[] Parse(string list)
    {
        var ids = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = ids.FirstOrDefault(id => !MethodFactory.Ids.Contains(id));
        if (unknown is not null) throw new UsageException($"Unknown method '{unknown}'. Methods: {string.Join(", ", MethodFactory.Ids)}.");
        if (ids.Length == 0) throw new UsageException($"Name at least one method: {string.Join(", ", MethodFactory.Ids)}.");
        return ids;
    }

    /// <summary>The authors' settings with the model's recommended substrate and noise.</summary>
    public static MethodSettings Recommended(ModelSpec spec)
    {
        var rp = RpOptions.For(spec);
        return new MethodSettings { Rp = rp, Substrate = rp.Substrate };
    }
}
