using System.Buffers.Binary;

namespace RpPlayground.Core.Images;

/// <summary>
/// Checks that a BMP holds the pixel data its header claims. ImageSharp 2 decodes a file whose rows stop early and
/// fills the rest, so a 354-byte BMP claiming 5000x5000 would be stored as 25 megapixels. Uncompressed rows have an
/// exact size (each padded to four bytes); run-length coded data (RLE8, RLE4, OS/2's RLE24) spends at least two bytes
/// on every 255 pixels. Other codings are left to the decoder.
/// </summary>
public static class BmpHeader
{
    /// <summary>Why the file is shorter than its header says, or null.</summary>
    public static string? PixelDataProblem(byte[] bytes)
    {
        if (bytes.Length < 26) return "the BMP is shorter than its header";
        if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(2)) > bytes.Length) return "the BMP file is shorter than its header says";
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(10));
        var headerSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(14));
        long width, height;
        int bitsPerPixel;
        uint compression = 0;
        if (headerSize == 12)
        {
            (width, height, bitsPerPixel) = (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(18)), BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)), BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(24)));
        }
        else
        {
            if (bytes.Length < 14 + Math.Min(headerSize, 40)) return "the BMP header is cut off";
            width = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(18)));
            height = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(22)));  // negative: rows run top-down
            bitsPerPixel = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(28));
            if (headerSize >= 20) compression = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(30));
        }
        var data = bytes.Length - (long)offset;
        if (data <= 0) return "the BMP has no pixel data";
        var osTwo = headerSize is 16 or 64;
        var claimed = compression switch
        {
            0 or 3 or 6 => height * ((width * bitsPerPixel + 31) / 32 * 4),
            1 or 2 => 2 * ((width * height + 254) / 255),
            4 when osTwo => 2 * ((width * height + 254) / 255),  // RLE24
            _ => 0,
        };
        return data < claimed
            ? $"the BMP's pixel data holds {data * 100 / claimed}% of what its {width}x{height} header claims"
            : null;
    }
}
