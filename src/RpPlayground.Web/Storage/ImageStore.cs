using System.Security.Cryptography;
using RpPlayground.Core.Images;
using RpPlayground.Core.Torch;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Web.Storage;

/// <summary>
/// Uploaded images: checked by the image decoder (size, format, completeness, data against header, pixel count) before
/// anything is stored, then kept as a PNG of their pixels alone (no metadata: no EXIF location, no text, no profile).
/// Every upload gets a random id ("upload/" and 16 hex digits), so an id says nothing about who else sent the same
/// picture; the pixels are stored once per content all the same, keyed by a hash that never leaves the database.
/// </summary>
public sealed class ImageStore(IPlaygroundStorage storage, ImageDecoder decoder, TimeProvider clock)
{
    public const string Prefix = "upload/";

    /// <summary>
    /// Stores the image under a new id; throws <see cref="ImageRejectedException"/> for anything that is not a whole,
    /// acceptable image, and stops (<see cref="OperationCanceledException"/>) when <paramref name="cancellation"/> fires.
    /// </summary>
    public StoredImage Add(byte[] bytes, CancellationToken cancellation = default)
    {
        byte[] pixels;
        int width, height;
        using (var image = decoder.Decode(bytes, cancellation))
        {
            using var png = new MemoryStream();
            image.SaveAsPng(png);
            (pixels, width, height) = (png.ToArray(), image.Width, image.Height);
        }
        if ((long)width * height >= NativeHeap.LargePicture) NativeHeap.ReturnFree();  // the decode's pages, at once: an upload is no job, so no job's end trims after it
        var hash = Convert.ToHexString(SHA256.HashData(pixels));
        var id = Prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        storage.AddUpload(id, hash, pixels, width, height, clock.GetUtcNow());
        return new StoredImage(id, width, height);
    }

    /// <summary>Whether an upload with this id is stored.</summary>
    public bool Contains(string id) => id.StartsWith(Prefix, StringComparison.Ordinal) && storage.HasUpload(id);

    /// <summary>The stored PNG, or null.</summary>
    public byte[]? Bytes(string id) => id.StartsWith(Prefix, StringComparison.Ordinal) ? storage.UploadBytes(id) : null;

    /// <summary>How many uploads are stored.</summary>
    public long Count() => storage.UploadCount();

    /// <summary>How many distinct pictures are stored.</summary>
    public long PictureCount() => storage.PictureCount();

    /// <summary>
    /// Deletes the uploads made before <paramref name="age"/> ago that no shared run uses, then every picture no upload
    /// refers to; returns how many uploads went.
    /// </summary>
    public int RemoveOlderThan(TimeSpan age) => storage.RemoveUploadsBefore(clock.GetUtcNow() - age);

    /// <summary>The stored image decoded, or null when there is none with this id.</summary>
    public Image<Rgb24>? Decode(string id) => Bytes(id) is { } bytes ? decoder.Decode(bytes) : null;
}
