using Microsoft.AspNetCore.Http.HttpResults;
using RpPlayground.Core.Models;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Api;

/// <summary>Shared runs for scripts: <c>GET /api/shared/{id}</c> (definition and result), its mask and overlay as PNG, its figure as SVG.</summary>
public static class SharedEndpoints
{
    public static IEndpointRouteBuilder MapSharedApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/shared");
        api.MapGet("/{id}", Results<Ok<SharedRun>, ProblemHttpResult> (string id, SharedRunStore store) => store.Find(id) is { } shared ? TypedResults.Ok(shared) : Unknown(id));
        api.MapGet("/{id}/mask.png", (string id, SharedRunStore store, RunService runs, ModelCatalog catalog) =>
            Render(id, store, runs, catalog, "mask.png", (shared, size) => MapImages.MaskPng(shared.Result, size)));
        api.MapGet("/{id}/overlay.png", (string id, SharedRunStore store, RunService runs, ModelCatalog catalog, ImageLibrary images) =>
            Render(id, store, runs, catalog, "overlay.png", (shared, size) => MapImages.OverlayPng(shared.Result, images, shared.Definition.SampleId)));
        api.MapGet("/{id}/figure.svg", (string id, SharedRunStore store, RunService runs, ModelCatalog catalog, ImageLibrary images) =>
            Render(id, store, runs, catalog, "figure.svg", (shared, size) => MapImages.FigureSvg(shared.Result, images, catalog, shared.Definition, shared.Definition.Schedule)));
        return endpoints;
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Render(string id, SharedRunStore store, RunService runs, ModelCatalog catalog, string file, Func<SharedRun, int, byte[]> render)
    {
        if (store.Find(id) is not { } shared) return Unknown(id);
        var entry = catalog.Entries.FirstOrDefault(e => e.Spec.Id == shared.Definition.ModelId);
        var size = entry?.Spec.InputSize ?? Math.Max(shared.Result.MapWidth, shared.Result.MapHeight);
        return TypedResults.File(await runs.InvokeAsync(() => render(shared, size)), MapImages.ContentType(file), $"rp-shared-{shared.Id}-{file}");
    }

    static ProblemHttpResult Unknown(string id) => TypedResults.Problem($"There is no shared run '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown shared run");
}
