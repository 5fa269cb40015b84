using RpPlayground.Core.Images;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Api;

/// <summary><c>POST /api/images</c>: upload an image (the raw bytes, or a multipart form with one file); returns its id for runs.</summary>
public static class ImageEndpoints
{
    public static IEndpointRouteBuilder MapImageApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/images", Upload).DisableAntiforgery();
        return endpoints;
    }

    static async Task<IResult> Upload(HttpRequest request, ImageStore store, ImageLimits limits, CancellationToken cancellation)
    {
        var body = request.HasFormContentType ? await FormFile(request, cancellation) : request.Body;
        if (body is null) return Results.Problem("The form has no file.", statusCode: StatusCodes.Status400BadRequest, title: "No image");
        await using (body)
        {
            var bytes = await ReadAtMost(body, limits.MaxBytes, cancellation);
            if (bytes is null)
                return Results.Problem($"The upload is larger than {limits.MaxBytes / 1024 / 1024} MB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Image too large");
            try
            {
                var stored = store.Add(bytes);
                return Results.Created($"/samples/image/{stored.Id}", stored);
            }
            catch (ImageRejectedException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Image rejected");
            }
        }
    }

    static async Task<Stream?> FormFile(HttpRequest request, CancellationToken cancellation)
    {
        var form = await request.ReadFormAsync(cancellation);
        return form.Files.Count == 1 ? form.Files[0].OpenReadStream() : null;
    }

    /// <summary>The stream's bytes, or null when there are more than <paramref name="limit"/> (reading stops there).</summary>
    static async Task<byte[]?> ReadAtMost(Stream stream, long limit, CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
