using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Hosting;

/// <summary><c>GET /samples/image/{id}</c>: a sample's picture, by catalog id only (no paths from the request reach the disk).</summary>
public static class SampleEndpoints
{
    public static IEndpointRouteBuilder MapSamples(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/samples/image/{*id}", (string id, SampleCatalog samples) =>
            samples.Find(id) is { } sample
                ? Results.File(sample.Path, sample.Path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) ? "image/jpeg" : "image/png")
                : Results.Problem($"There is no sample '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown sample"));
        return endpoints;
    }
}
