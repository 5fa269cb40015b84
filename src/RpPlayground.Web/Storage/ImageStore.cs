using System.Security.Cryptography;
using RpPlayground.Core.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Web.Storage;

/// <summary>
/// Uploaded images: checked by the image decoder (size, format, completeness, pixel count) before anything is stored,
/// then kept once per content (id "upload/" + the first 16 hex digits of the SHA-256 of the bytes).
/// </summary>
public sealed class ImageStore(PlaygroundDatabase database, ImageDecoder decoder)
{
    public const string Prefix = "upload/";

    /// <summary>Stores the image unless it is there already; throws <see cref="ImageRejectedException"/> for anything that is not a whole, acceptable image.</summary>
    public StoredImage Add(byte[] bytes)
    {
        using var image = decoder.Decode(bytes);
        var id = Prefix + Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();
        database.Execute("INSERT OR IGNORE INTO images (id, bytes, width, height, created) VALUES (@id, @bytes, @width, @height, @created)",
            ("@id", id), ("@bytes", bytes), ("@width", image.Width), ("@height", image.Height), ("@created", DateTimeOffset.UtcNow.ToString("O")));
        return new StoredImage(id, image.Width, image.Height);
    }

    /// <summary>Whether an upload with this id is stored.</summary>
    public bool Contains(string id) => id.StartsWith(Prefix, StringComparison.Ordinal)
        && database.Query("SELECT 1 FROM images WHERE id = @id", _ => true, ("@id", id)).Count > 0;

    /// <summary>The stored bytes, or null.</summary>
    public byte[]? Bytes(string id) =>
        database.Query("SELECT bytes FROM images WHERE id = @id", r => (byte[])r["bytes"], ("@id", id)).FirstOrDefault();

    /// <summary>How many images are stored.</summary>
    public long Count() => database.Query("SELECT COUNT(*) FROM images", r => r.GetInt64(0)).Single();

    /// <summary>The stored image decoded, or null when there is none with this id.</summary>
    public Image<Rgb24>? Decode(string id) => Bytes(id) is { } bytes ? decoder.Decode(bytes) : null;
}
