using Microsoft.AspNetCore.Http.HttpResults;
using RpPlayground.Core.Models;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Api;

/// <summary>
/// Shared runs for scripts: <c>GET /api/shared/{id}</c> (its definition, complete, as <c>POST /api/runs</c> takes it
/// back, and its result), its mask and overlay as PNG, its figure as SVG. Named handlers with typed results.
/// </summary>
public static class SharedEndpoints
{
    public static IEndpointRouteBuilder MapSharedApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/shared");
        api.MapGet("/{id}", Get);
        api.MapGet("/{id}/mask.png", Mask);
        api.MapGet("/{id}/overlay.png", Overlay);
        api.MapGet("/{id}/figure.svg", Figure);
        return endpoints;
    }

    static Results<Ok<SharedRun>, ProblemHttpResult> Get(string id, SharedRunStore store) => store.Find(id) is { } shared ? TypedResults.Ok(shared) : Unknown(id);

    static Task<Results<FileContentHttpResult, ProblemHttpResult>> Mask(string id, HttpContext context, SharedRunStore store, ModelCatalog catalog, MapPictures pictures) =>
        Render(id, context, store, pictures, "mask.png", shared =>
        {
            var entry = catalog.Entries.FirstOrDefault(e => e.Spec.Id == shared.Definition.ModelId);
            return MapImages.MaskPng(shared.Result, entry?.Spec.InputSize ?? Math.Max(shared.Result.MapWidth, shared.Result.MapHeight));
        });

    static Task<Results<FileContentHttpResult, ProblemHttpResult>> Overlay(string id, HttpContext context, SharedRunStore store, MapPictures pictures) =>
        Render(id, context, store, pictures, "overlay.png", shared =>
        {
            using var picture = pictures.Picture(shared.Definition.SampleId);
            return MapImages.OverlayPng(shared.Result, picture);
        });

    static Task<Results<FileContentHttpResult, ProblemHttpResult>> Figure(string id, HttpContext context, SharedRunStore store, ModelCatalog catalog, MapPictures pictures) =>
        Render(id, context, store, pictures, "figure.svg", shared =>
        {
            using var picture = pictures.Picture(shared.Definition.SampleId);
            return MapImages.FigureSvg(shared.Result, picture, catalog, shared.Definition, shared.Definition.Schedule);
        });

    // A shared run never changes: its pictures are drawn once and kept.
    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Render(string id, HttpContext context, SharedRunStore store, MapPictures pictures, string file, Func<SharedRun, byte[]> render)
    {
        if (store.Find(id) is not { } shared) return Unknown(id);
        var picture = await pictures.GetAsync($"shared:{shared.Id}:{file}", RunClient.ForRequest(context), () => render(shared), context.RequestAborted);
        return TypedResults.File(picture, MapImages.ContentType(file), $"rp-shared-{shared.Id}-{file}");
    }

    static ProblemHttpResult Unknown(string id) => TypedResults.Problem($"There is no shared run '{Core.UserText.Short(id)}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown shared run");
}
