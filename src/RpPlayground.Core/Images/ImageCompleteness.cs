using System.Buffers.Binary;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace RpPlayground.Core.Images;

/// <summary>
/// Checks that an encoded image is whole: ImageSharp 2 decodes a truncated file without complaint and fills the
/// missing rows, so a cut-off upload would otherwise be explained as if it were the picture.
/// </summary>
public static class ImageCompleteness
{
    /// <summary>Why the file is incomplete, or null when its container is whole.</summary>
    public static string? Problem(ReadOnlySpan<byte> bytes, IImageFormat format) => format switch
    {
        PngFormat => PngProblem(bytes),
        JpegFormat => JpegProblem(bytes),
        GifFormat => bytes.TrimEnd((byte)0)[^1] == 0x3B ? null : "the GIF has no trailer byte",
        WebpFormat => bytes.Length >= 12 && BinaryPrimitives.ReadUInt32LittleEndian(bytes[4..]) + 8L <= bytes.Length ? null : "the WebP file is shorter than its RIFF header says",
        BmpFormat => bytes.Length >= 6 && BinaryPrimitives.ReadUInt32LittleEndian(bytes[2..]) <= bytes.Length ? null : "the BMP file is shorter than its header says",
        _ => null,
    };

    // PNG: signature, then chunks (length, type, data, CRC) up to IEND; every chunk must fit in the file.
    static string? PngProblem(ReadOnlySpan<byte> bytes)
    {
        var at = 8L;
        while (at + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes[(int)at..]);
            if (at + 12 + length > bytes.Length) return "a PNG chunk runs past the end of the file";
            if (bytes.Slice((int)at + 4, 4).SequenceEqual("IEND"u8)) return null;
            at += 12 + length;
        }
        return "the PNG has no end chunk";
    }

    // JPEG: the end-of-image marker FF D9 closes the data (some writers append a few bytes after it).
    static string? JpegProblem(ReadOnlySpan<byte> bytes)
    {
        var tail = bytes[Math.Max(0, bytes.Length - 4096)..];
        return tail.IndexOf([(byte)0xFF, (byte)0xD9]) >= 0 ? null : "the JPEG has no end-of-image marker";
    }
}
