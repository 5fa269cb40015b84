using RpPlayground.Core.Images;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Api;

/// <summary><c>POST /api/images</c>: upload an image (the raw bytes, or a multipart form with one file); returns its id for runs.</summary>
public static class ImageEndpoints
{
    public static IEndpointRouteBuilder MapImageApi(this IEndpointRouteBuilder endpoints)
    {
        // Room for the multipart envelope around the largest image; over it, 413 before the body is read.
        var limit = endpoints.ServiceProvider.GetRequiredService<ImageLimits>().MaxBytes + 1024 * 1024;
        endpoints.MapPost("/api/images", Upload).DisableAntiforgery().WithMetadata(new BodyLimit(limit)).RequireRateLimiting(RateLimiting.Uploads);
        return endpoints;
    }

    static async Task<IResult> Upload(HttpRequest request, ImageStore store, ImageLimits limits, CancellationToken cancellation)
    {
        // A multipart form carries a file; any other body (curl --data-binary sends a form content type) is the image itself.
        var multipart = request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;
        if (!multipart && request.ContentLength > limits.MaxBytes) return TooLarge(limits);  // answered before the body is read
        var body = multipart ? await FormFile(request, cancellation) : request.Body;
        if (body is null) return Results.Problem("The form has no file.", statusCode: StatusCodes.Status400BadRequest, title: "No image");
        await using (body)
        {
            var bytes = await ReadAtMost(body, limits.MaxBytes, cancellation);
            if (bytes is null) return TooLarge(limits);
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

    static IResult TooLarge(ImageLimits limits) =>
        Results.Problem($"The upload is larger than {limits.MaxBytes / 1024 / 1024} MB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Image too large");

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
