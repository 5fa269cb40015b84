using Microsoft.AspNetCore.Http.HttpResults;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Hosting;

/// <summary><c>GET /samples/image/{id}</c>: a sample's or an upload's picture, by id only (no paths from the request reach the disk).</summary>
public static class SampleEndpoints
{
    public static IEndpointRouteBuilder MapSamples(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/samples/image/{*id}", Image);
        return endpoints;
    }

    static Results<FileStreamHttpResult, ProblemHttpResult> Image(string id, ImageLibrary images) => images.File(id) is { } file
        ? TypedResults.File(file.Content, file.ContentType)
        : TypedResults.Problem($"There is no image '{Core.UserText.Short(id)}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown image");
}
