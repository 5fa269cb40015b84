using System.Security.Cryptography;
using RpPlayground.Core.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Web.Storage;

/// <summary>
/// Uploaded images: checked by the image decoder (size, format, completeness, data against header, pixel count) before
/// anything is stored, then kept as a PNG of their pixels alone (no metadata: no EXIF location, no text, no profile).
/// Every upload gets a random id ("upload/" and 16 hex digits), so an id says nothing about who else sent the same
/// picture; the pixels are stored once per content all the same, keyed by a hash that never leaves the database.
/// </summary>
public sealed class ImageStore(PlaygroundDatabase database, ImageDecoder decoder, TimeProvider clock)
{
    public const string Prefix = "upload/";

    /// <summary>Stores the image under a new id; throws <see cref="ImageRejectedException"/> for anything that is not a whole, acceptable image.</summary>
    public StoredImage Add(byte[] bytes)
    {
        byte[] pixels;
        int width, height;
        using (var image = decoder.Decode(bytes))
        {
            using var png = new MemoryStream();
            image.SaveAsPng(png);
            (pixels, width, height) = (png.ToArray(), image.Width, image.Height);
        }
        var hash = Convert.ToHexString(SHA256.HashData(pixels));
        var id = Prefix + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
        database.Execute("""
            INSERT OR IGNORE INTO image_blobs (hash, bytes, width, height) VALUES (@hash, @bytes, @width, @height);
            INSERT INTO uploads (id, hash, created) VALUES (@id, @hash, @created);
            """,
            ("@hash", hash), ("@bytes", pixels), ("@width", width), ("@height", height), ("@id", id), ("@created", clock.GetUtcNow().ToString("O")));
        return new StoredImage(id, width, height);
    }

    /// <summary>Whether an upload with this id is stored.</summary>
    public bool Contains(string id) => id.StartsWith(Prefix, StringComparison.Ordinal)
        && database.Query("SELECT 1 FROM uploads WHERE id = @id", _ => true, ("@id", id)).Count > 0;

    /// <summary>The stored PNG, or null.</summary>
    public byte[]? Bytes(string id) => database.Query(
        "SELECT b.bytes FROM uploads u JOIN image_blobs b ON b.hash = u.hash WHERE u.id = @id", r => (byte[])r["bytes"], ("@id", id)).FirstOrDefault();

    /// <summary>How many uploads are stored.</summary>
    public long Count() => database.Query("SELECT COUNT(*) FROM uploads", r => r.GetInt64(0)).Single();

    /// <summary>How many distinct pictures are stored.</summary>
    public long PictureCount() => database.Query("SELECT COUNT(*) FROM image_blobs", r => r.GetInt64(0)).Single();

    /// <summary>
    /// Deletes the uploads made before <paramref name="age"/> ago that no shared run uses, then every picture no upload
    /// refers to; returns how many uploads went.
    /// </summary>
    public int RemoveOlderThan(TimeSpan age)
    {
        var removed = database.Execute("""
            DELETE FROM uploads WHERE created < @cutoff
                AND id NOT IN (SELECT json_extract(definition, '$.sampleId') FROM shared_runs WHERE json_extract(definition, '$.sampleId') IS NOT NULL)
            """, ("@cutoff", (clock.GetUtcNow() - age).ToString("O")));
        database.Execute("DELETE FROM image_blobs WHERE hash NOT IN (SELECT hash FROM uploads)");
        return removed;
    }

    /// <summary>The stored image decoded, or null when there is none with this id.</summary>
    public Image<Rgb24>? Decode(string id) => Bytes(id) is { } bytes ? decoder.Decode(bytes) : null;
}
