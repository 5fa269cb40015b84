using System.Buffers.Binary;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace RpPlayground.Core.Images;

/// <summary>
/// Checks that an encoded image is whole and holds what its header claims: ImageSharp 2 decodes a truncated file, or
/// one whose header was enlarged, without complaint and fills the missing rows, so a cut-off upload would otherwise be
/// explained as if it were the picture, and a tiny file could claim a huge decode.
/// </summary>
public static class ImageCompleteness
{
    /// <summary>Why the file is incomplete or short of its header's size, or null; call once the header's size is within limits.</summary>
    public static string? Problem(byte[] bytes, IImageFormat format) => format switch
    {
        PngFormat => PngChunks.PixelDataProblem(bytes),  // its chunks were checked when the decoder kept the pixel chunks alone
        JpegFormat => JpegProblem(bytes) ?? JpegScans.PixelDataProblem(bytes),
        GifFormat => bytes.AsSpan().TrimEnd((byte)0)[^1] == 0x3B ? GifBlocks.PixelDataProblem(bytes) : "the GIF has no trailer byte",
        WebpFormat => bytes.Length >= 12 && BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)) + 8L <= bytes.Length ? null : "the WebP file is shorter than its RIFF header says",
        BmpFormat => BmpHeader.PixelDataProblem(bytes),
        _ => null,
    };

    // JPEG: the end-of-image marker FF D9 closes the data (some writers append a few bytes after it).
    static string? JpegProblem(ReadOnlySpan<byte> bytes)
    {
        var tail = bytes[Math.Max(0, bytes.Length - 4096)..];
        return tail.IndexOf([(byte)0xFF, (byte)0xD9]) >= 0 ? null : "the JPEG has no end-of-image marker";
    }
}
