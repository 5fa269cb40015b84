using Microsoft.AspNetCore.Http.HttpResults;
using RpPlayground.Core.Models;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Api;

/// <summary>Shared runs for scripts: <c>GET /api/shared/{id}</c> (definition and result), its mask and overlay as PNG, its figure as SVG.</summary>
public static class SharedEndpoints
{
    public static IEndpointRouteBuilder MapSharedApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/shared");
        api.MapGet("/{id}", Results<Ok<SharedRun>, ProblemHttpResult> (string id, SharedRunStore store) => store.Find(id) is { } shared ? TypedResults.Ok(shared) : Unknown(id));
        api.MapGet("/{id}/mask.png", (string id, HttpContext context, SharedRunStore store, ModelCatalog catalog, MapPictures pictures) =>
            Render(id, context, store, pictures, "mask.png", shared =>
            {
                var entry = catalog.Entries.FirstOrDefault(e => e.Spec.Id == shared.Definition.ModelId);
                return MapImages.MaskPng(shared.Result, entry?.Spec.InputSize ?? Math.Max(shared.Result.MapWidth, shared.Result.MapHeight));
            }));
        api.MapGet("/{id}/overlay.png", (string id, HttpContext context, SharedRunStore store, MapPictures pictures) =>
            Render(id, context, store, pictures, "overlay.png", shared =>
            {
                using var picture = pictures.Picture(shared.Definition.SampleId);
                return MapImages.OverlayPng(shared.Result, picture);
            }));
        api.MapGet("/{id}/figure.svg", (string id, HttpContext context, SharedRunStore store, ModelCatalog catalog, MapPictures pictures) =>
            Render(id, context, store, pictures, "figure.svg", shared =>
            {
                using var picture = pictures.Picture(shared.Definition.SampleId);
                return MapImages.FigureSvg(shared.Result, picture, catalog, shared.Definition, shared.Definition.Schedule);
            }));
        return endpoints;
    }

    // A shared run never changes: its pictures are drawn once and kept.
    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Render(string id, HttpContext context, SharedRunStore store, MapPictures pictures, string file, Func<SharedRun, byte[]> render)
    {
        if (store.Find(id) is not { } shared) return Unknown(id);
        var picture = await pictures.GetAsync($"shared:{shared.Id}:{file}", RunClient.ForRequest(context), () => render(shared), context.RequestAborted);
        return TypedResults.File(picture, MapImages.ContentType(file), $"rp-shared-{shared.Id}-{file}");
    }

    static ProblemHttpResult Unknown(string id) => TypedResults.Problem($"There is no shared run '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown shared run");
}
