using System.IO.Compression;
using System.Text;

namespace RpPlayground.Tests.Shared;

/// <summary>Writes PNG files by hand, for images no encoder should be asked to make (decompression bombs).</summary>
public static class PngWriter
{
    /// <summary>A valid all-black 1-bit greyscale PNG of the given size; tiny on disk, huge once decoded.</summary>
    public static byte[] BlackBilevel(int width, int height) => Black(width, height, bitDepth: 1, colourType: 0, (width + 7) / 8, height, []);

    /// <summary>
    /// An 8-bit RGB PNG whose header says <paramref name="width"/>x<paramref name="height"/> but whose data holds only
    /// <paramref name="rowsWritten"/> rows (all black), with <paramref name="extra"/> chunks after the header.
    /// </summary>
    public static byte[] Rgb(int width, int height, int rowsWritten, params (string Type, byte[] Data)[] extra) =>
        Black(width, height, bitDepth: 8, colourType: 2, 3 * width, rowsWritten, extra);

    // Signature, IHDR, the extra chunks, one IDAT of all-zero rows (filter byte 0, then rowBytes zeros), IEND.
    static byte[] Black(int width, int height, byte bitDepth, byte colourType, int rowBytes, int rows, (string Type, byte[] Data)[] extra)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        (header[8], header[9]) = (bitDepth, colourType);
        Chunk(png, "IHDR", header);
        foreach (var (type, data) in extra) Chunk(png, type, data);
        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[1 + rowBytes];
                for (var y = 0; y < rows; y++) zlib.Write(row);
            }
            Chunk(png, "IDAT", pixels.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A zlib stream that inflates to <paramref name="count"/> zero bytes (about a thousandth of that on disk).</summary>
    public static byte[] CompressedZeros(long count)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var left = count; left > 0; left -= zeros.Length) zlib.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
        }
        return compressed.ToArray();
    }

    static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, Crc32(typeAndData));
        png.Write(crc);
    }

    static void WriteBigEndian(byte[] buffer, int at, uint value)
    {
        buffer[at] = (byte)(value >> 24);
        buffer[at + 1] = (byte)(value >> 16);
        buffer[at + 2] = (byte)(value >> 8);
        buffer[at + 3] = (byte)value;
    }

    static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
