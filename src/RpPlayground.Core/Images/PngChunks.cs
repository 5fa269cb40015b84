using System.Buffers.Binary;
using System.IO.Compression;

namespace RpPlayground.Core.Images;

/// <summary>
/// PNG read at the chunk level, before any decoder sees the file: whether the chunks are whole and there is one header
/// and it comes first, a plain copy that keeps only what the pixels need (so text, ICC and EXIF chunks, some of them
/// compressed, are never inflated or kept) with all the image data in one chunk (however finely the file split it), and
/// whether the compressed pixel data holds as many rows as the header claims.
/// </summary>
public static class PngChunks
{
    static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // The chunks besides the image data that decide the pixels: header, palette, palette transparency.
    static readonly string[] PixelChunks = ["IHDR", "PLTE", "tRNS"];

    /// <summary>
    /// Why the chunk structure is broken, or null when the header chunk comes first and only once and every chunk fits
    /// in the file up to IEND. (A second header would be the one a decoder uses, unseen by checks that read the first.)
    /// </summary>
    public static string? Problem(byte[] bytes)
    {
        var headers = 0;
        foreach (var (type, start, end) in Walk(bytes))
        {
            if (end > bytes.Length) return "a PNG chunk runs past the end of the file";
            if (headers == 0 && type != "IHDR") return "the PNG does not start with its header chunk";
            if (type == "IHDR" && ++headers > 1) return "the PNG has more than one header chunk";
            if (type == "IHDR" && end - start - 12 != 13) return "the PNG header chunk has the wrong length";
            if (type == "IEND") return null;
        }
        return "the PNG has no end chunk";
    }

    /// <summary>
    /// A file of the pixel chunks alone (IHDR, PLTE, tRNS, then every IDAT's data in one IDAT, IEND); call once
    /// <see cref="Problem"/> has found none.
    /// </summary>
    public static byte[] PixelsOnly(byte[] bytes)
    {
        using var kept = new MemoryStream(bytes.Length);
        using var data = new MemoryStream();
        kept.Write(Signature);
        foreach (var (type, start, end) in Walk(bytes))
        {
            if (type == "IDAT") data.Write(bytes, (int)start + 8, (int)(end - start) - 12);
            else if (type == "IEND") break;
            else if (PixelChunks.Contains(type)) kept.Write(bytes, (int)start, (int)(end - start));
        }
        WriteChunk(kept, "IDAT", data.GetBuffer().AsSpan(0, (int)data.Length));
        WriteChunk(kept, "IEND", []);
        return kept.ToArray();
    }

    /// <summary>The CRC-32 of a chunk's type and data, as PNG stores it after each chunk (ISO 3309, polynomial 0xEDB88320).</summary>
    public static uint Crc(ReadOnlySpan<byte> typeAndData)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in typeAndData)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4, 4));
        data.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc(chunk.AsSpan(4, 4 + data.Length)));
        png.Write(chunk);
    }

    /// <summary>
    /// Why the image data is shorter than the header says (ImageSharp 2 would fill the missing rows silently), or null;
    /// call on <see cref="PixelsOnly"/>'s file. Inflates the IDAT stream once, in small pieces, and stops as soon as
    /// every row the header claims has been seen.
    /// </summary>
    public static string? PixelDataProblem(byte[] bytes)
    {
        var header = bytes.AsSpan(16, 13);
        var (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(header), BinaryPrimitives.ReadUInt32BigEndian(header[4..]));
        var bitsPerPixel = header[8] * (header[9] switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 });
        if (bitsPerPixel == 0) return "the PNG header names an unknown colour type";
        var expected = header[12] == 1 ? InterlacedBytes(width, height, bitsPerPixel) : FilteredBytes(width, height, bitsPerPixel);

        using var data = new MemoryStream();
        foreach (var (type, start, end) in Walk(bytes))
            if (type == "IDAT") data.Write(bytes, (int)start + 8, (int)(end - start) - 12);
        data.Position = 0;
        long inflated = 0;
        try
        {
            using var zlib = new ZLibStream(data, CompressionMode.Decompress);
            var buffer = new byte[64 * 1024];
            int read;
            while (inflated < expected && (read = zlib.Read(buffer, 0, (int)Math.Min(buffer.Length, expected - inflated))) > 0)
                inflated += read;
        }
        catch (InvalidDataException)
        {
            return "the PNG's compressed pixel data is damaged";
        }
        return inflated < expected
            ? $"the PNG's pixel data holds {inflated * 100 / expected}% of the rows its {width}x{height} header claims"
            : null;
    }

    // Each row: one filter byte, then the row's pixels packed to whole bytes.
    static long FilteredBytes(long width, long height, int bitsPerPixel) =>
        width == 0 || height == 0 ? 0 : height * (1 + (width * bitsPerPixel + 7) / 8);

    // Adam7: seven passes, each a smaller image of its own (column start, row start, column step, row step).
    static long InterlacedBytes(long width, long height, int bitsPerPixel)
    {
        ReadOnlySpan<int> passes = [0, 0, 8, 8, 4, 0, 8, 8, 0, 4, 4, 8, 2, 0, 4, 4, 0, 2, 2, 4, 1, 0, 2, 2, 0, 1, 1, 2];
        long total = 0;
        for (var p = 0; p < passes.Length; p += 4)
        {
            var columns = (width - passes[p] + passes[p + 2] - 1) / passes[p + 2];
            var rows = (height - passes[p + 1] + passes[p + 3] - 1) / passes[p + 3];
            total += FilteredBytes(Math.Max(0, columns), Math.Max(0, rows), bitsPerPixel);
        }
        return total;
    }

    // (type, first byte, byte after the CRC) of each chunk from the signature on; the last may run past the file.
    static IEnumerable<(string Type, long Start, long End)> Walk(byte[] bytes)
    {
        var at = 8L;
        while (at + 12 <= bytes.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, (int)at + 4, 4);
            yield return (type, at, at + 12 + length);
            if (type == "IEND" || at + 12 + length > bytes.Length) yield break;
            at += 12 + length;
        }
    }
}
