using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Hosting;

/// <summary><c>GET /samples/image/{id}</c>: a sample's or an upload's picture, by id only (no paths from the request reach the disk).</summary>
public static class SampleEndpoints
{
    public static IEndpointRouteBuilder MapSamples(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/samples/image/{*id}", (string id, ImageLibrary images) =>
            images.File(id) is { } file
                ? Results.File(file.Content, file.ContentType)
                : Results.Problem($"There is no image '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown image"));
        return endpoints;
    }
}
