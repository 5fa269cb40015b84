using Microsoft.AspNetCore.Http.HttpResults;
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

    // An image the checks refuse (ImageRejectedException) is answered 400 by the exception handler, as every user's failure.
    static async Task<Results<Created<StoredImage>, ProblemHttpResult>> Upload(HttpRequest request, ImageStore store, ImageLimits limits, CancellationToken cancellation)
    {
        // A multipart form carries a file; any other body (curl --data-binary sends a form content type) is the image itself.
        var multipart = request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) == true;
        if (!multipart && request.ContentLength > limits.MaxBytes) return TooLarge(limits);  // answered before the body is read
        var (body, problem) = multipart ? await FormFile(request, cancellation) : (request.Body, null);
        if (body is null) return problem!;
        await using (body)
        {
            var bytes = await ReadAtMost(body, limits.MaxBytes, cancellation);
            if (bytes is null) return TooLarge(limits);
            var stored = store.Add(bytes, cancellation);
            return TypedResults.Created($"/samples/image/{stored.Id}", stored);
        }
    }

    static ProblemHttpResult TooLarge(ImageLimits limits) =>
        TypedResults.Problem($"The upload is larger than {limits.MaxBytes / 1024 / 1024} MB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Image too large");

    /// <summary>
    /// The form's one file, or the problem with the form: malformed (no boundary, a body that is not multipart or ends
    /// early) is 400, over the form reader's limits (fields, header lengths) is 413, and any number of files but one is
    /// 400 saying how many came. The reader's own messages echo nothing of the input, but ours say it plainly.
    /// </summary>
    static async Task<(Stream? File, ProblemHttpResult? Problem)> FormFile(HttpRequest request, CancellationToken cancellation)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellation);
        }
        catch (BadHttpRequestException)
        {
            throw;  // the body's size limit: 413 from the exception handler
        }
        catch (InvalidDataException e) when (OverFormLimit(e))
        {
            return (null, TypedResults.Problem("The multipart form is larger than the server reads (too many fields, or a part's headers or a field too long); send one file in one part.",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Form too large"));
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            return (null, BadForm("The body is not a readable multipart form (no boundary, a part that is not a form part, or a body that ends early)."));
        }
        return form.Files.Count switch
        {
            1 => (form.Files[0].OpenReadStream(), null),
            0 => (null, BadForm("The form has no file: send the image as its one file part.")),
            var n => (null, BadForm($"The form has {n} files; send one image at a time.")),
        };
    }

    // The form reader's limits (FormOptions) say so in their messages: counts (fields, headers) and the lengths of
    // headers, keys and values. Its "body length limit" is also what a body without its boundary hits (the preamble is
    // read up to 16 KB looking for it): that body is malformed, not large.
    static bool OverFormLimit(InvalidDataException e) =>
        new[] { "count limit", "headers length limit", "key length limit", "value length limit" }.Any(m => e.Message.Contains(m, StringComparison.OrdinalIgnoreCase));

    static ProblemHttpResult BadForm(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad form");

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
