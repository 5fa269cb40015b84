using System.Buffers.Binary;
using System.IO.Compression;

namespace RpPlayground.Core.Images;

/// <summary>
/// PNG read at the chunk level, before any decoder sees the file: whether the chunks are whole, a copy that keeps only
/// what the pixels need (so text, ICC and EXIF chunks, some of them compressed, are never inflated or kept), and whether
/// the compressed pixel data holds as many rows as the header claims.
/// </summary>
public static class PngChunks
{
    static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // The chunks that decide the pixels: header, palette, palette transparency, image data, end.
    static readonly string[] PixelChunks = ["IHDR", "PLTE", "tRNS", "IDAT", "IEND"];

    /// <summary>Why the chunk structure is broken, or null when every chunk fits in the file up to IEND.</summary>
    public static string? Problem(byte[] bytes)
    {
        foreach (var (type, _, end) in Walk(bytes))
        {
            if (end > bytes.Length) return "a PNG chunk runs past the end of the file";
            if (type == "IEND") return null;
        }
        return "the PNG has no end chunk";
    }

    /// <summary>The file with only the pixel chunks (IHDR, PLTE, tRNS, IDAT, IEND), up to the first chunk that runs past the end.</summary>
    public static byte[] PixelsOnly(byte[] bytes)
    {
        using var kept = new MemoryStream(bytes.Length);
        kept.Write(Signature);
        foreach (var (type, start, end) in Walk(bytes))
        {
            if (end > bytes.Length) break;  // a cut-off chunk: the copy has no IEND and is refused as incomplete
            if (PixelChunks.Contains(type)) kept.Write(bytes, (int)start, (int)(end - start));
            if (type == "IEND") break;
        }
        return kept.ToArray();
    }

    /// <summary>
    /// Why the image data is shorter than the header says (ImageSharp 2 would fill the missing rows silently), or null.
    /// Inflates the IDAT stream once, in small pieces, and stops as soon as every row the header claims has been seen.
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
