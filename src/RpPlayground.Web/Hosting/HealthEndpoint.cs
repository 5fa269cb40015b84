using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;

namespace RpPlayground.Web.Hosting;

/// <summary><c>GET /healthz</c>: the engine and the models, for monitors and for checking a fresh install.</summary>
public static class HealthEndpoint
{
    /// <summary>The body of a health answer.</summary>
    public sealed record Health(string Status, string Engine, string? DefaultModel, IReadOnlyList<ModelHealth> Models);

    /// <summary>One model's state.</summary>
    public sealed record ModelHealth(string Id, bool Available, string? Problem);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (TorchRuntime runtime, ModelCatalog catalog) => new Health(
            "ok",
            runtime.Description,
            catalog.DefaultId,
            catalog.Entries.Select(e => new ModelHealth(e.Spec.Id, e.IsAvailable, e.Problem)).ToArray()));
        return endpoints;
    }
}
