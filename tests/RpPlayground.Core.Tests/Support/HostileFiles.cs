using System.Buffers.Binary;
using RpPlayground.Core.Images;

namespace RpPlayground.Core.Tests.Support;

/// <summary>Image files written byte by byte, for what no encoder would make: scan bombs, headers that lie, odd chunking.</summary>
public static class HostileFiles
{
    /// <summary>
    /// A valid greyscale progressive JPEG of <paramref name="size"/> x <paramref name="size"/>: one DC scan (every block
    /// grey, one bit each) and <paramref name="acScans"/> AC scans that each end every block's band at once with a few
    /// end-of-band runs (about 30 bytes a scan), so a decoder walks every block once per scan.
    /// </summary>
    public static byte[] ProgressiveScanBomb(int size, int acScans)
    {
        var blocks = (long)((size + 7) / 8) * ((size + 7) / 8);
        using var file = new MemoryStream();
        file.Write([0xFF, 0xD8]);
        Segment(file, 0xDB, [0, .. Enumerable.Repeat((byte)1, 64)]);  // one quantisation table of ones
        Segment(file, 0xC2, [8, (byte)(size >> 8), (byte)size, (byte)(size >> 8), (byte)size, 1, 1, 0x11, 0]);
        Segment(file, 0xC4, [0x00, 1, .. new byte[15], 0x00]);  // DC table 0: one code of one bit, category 0
        Segment(file, 0xC4, [0x10, 1, .. new byte[15], 0xE0]);  // AC table 0: one code of one bit, EOB run of 2^14 + 14 bits
        Segment(file, 0xDA, [1, 1, 0x00, 0, 0, 0x00]);
        var dc = new BitWriter();
        for (var b = 0L; b < blocks; b++) dc.Write(0, 1);
        file.Write(dc.Finish());
        for (var scan = 0; scan < acScans; scan++)
        {
            Segment(file, 0xDA, [1, 1, 0x00, 1, 63, 0x00]);
            var ac = new BitWriter();
            for (var left = blocks; left > 0;)
            {
                var run = Math.Min(left, 32767);
                ac.Write(0, 1);
                ac.Write((int)(run - 16384 < 0 ? 0 : run - 16384), 14);
                left -= Math.Max(run, 16384);
            }
            file.Write(ac.Finish());
        }
        file.Write([0xFF, 0xD9]);
        return file.ToArray();
    }

    /// <summary>A GIF of a <paramref name="screen"/> screen whose one frame (<paramref name="frame"/> at the top left) holds the LZW codes of <paramref name="pixelsCoded"/> pixels of colour 0.</summary>
    public static byte[] Gif((int Width, int Height) screen, (int Width, int Height) frame, int pixelsCoded)
    {
        using var file = new MemoryStream();
        file.Write("GIF89a"u8);
        file.Write([(byte)screen.Width, (byte)(screen.Width >> 8), (byte)screen.Height, (byte)(screen.Height >> 8), 0x80, 0, 0]);  // 2-colour table
        file.Write([0, 0, 0, 255, 255, 255]);
        file.Write([0x2C, 0, 0, 0, 0, (byte)frame.Width, (byte)(frame.Width >> 8), (byte)frame.Height, (byte)(frame.Height >> 8), 0]);
        file.WriteByte(2);  // minimum code size
        // Codes of 3 bits: a clear (4) before every two literals (a third's dictionary entry would widen the codes to 4).
        var codes = new LsbBitWriter();
        for (var i = 0; i < pixelsCoded; i++)
        {
            if (i % 2 == 0) codes.Write(4, 3);
            codes.Write(0, 3);
        }
        codes.Write(4, 3);
        codes.Write(5, 3);  // end
        var data = codes.Finish();
        for (var at = 0; at < data.Length; at += 255)
        {
            var length = Math.Min(255, data.Length - at);
            file.WriteByte((byte)length);
            file.Write(data, at, length);
        }
        file.Write([0, 0x3B]);
        return file.ToArray();
    }

    /// <summary>A 24-bit BMP whose header says <paramref name="width"/> x <paramref name="height"/> but which carries <paramref name="pixelBytes"/> bytes of pixels.</summary>
    public static byte[] Bmp(int width, int height, int pixelBytes)
    {
        var file = new byte[54 + pixelBytes];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(2), (uint)file.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(10), 54);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(28), 24);
        return file;
    }

    /// <summary>The PNG's chunks with every IDAT's data re-cut into chunks of <paramref name="piece"/> bytes.</summary>
    public static byte[] PngWithDataIn(byte[] png, int piece)
    {
        var chunks = Chunks(png).ToList();
        var data = chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Data).ToArray();
        using var file = new MemoryStream();
        file.Write(png.AsSpan(0, 8));
        var written = false;
        foreach (var (type, chunk) in chunks)
        {
            if (type != "IDAT") Chunk(file, type, chunk);
            else if (!written)
            {
                for (var at = 0; at < data.Length; at += piece) Chunk(file, "IDAT", data.AsSpan(at, Math.Min(piece, data.Length - at)).ToArray());
                written = true;
            }
        }
        return file.ToArray();
    }

    /// <summary>The PNG with a chunk inserted after its first (the header).</summary>
    public static byte[] PngWithChunkAfterHeader(byte[] png, string type, byte[] data)
    {
        var chunks = Chunks(png).ToList();
        chunks.Insert(1, (type, data));
        using var file = new MemoryStream();
        file.Write(png.AsSpan(0, 8));
        foreach (var (t, d) in chunks) Chunk(file, t, d);
        return file.ToArray();
    }

    /// <summary>A PNG header chunk's data for an 8-bit RGB image.</summary>
    public static byte[] PngHeader(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        (header[8], header[9]) = (8, 2);
        return header;
    }

    static IEnumerable<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            yield return (System.Text.Encoding.ASCII.GetString(png, at + 4, 4), png.AsSpan(at + 8, length).ToArray());
            at += 12 + length;
        }
    }

    static void Chunk(Stream file, string type, byte[] data)
    {
        byte[] typeAndData = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        file.Write(number);
        file.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, PngChunks.Crc(typeAndData));
        file.Write(number);
    }

    static void Segment(Stream file, byte marker, byte[] data)
    {
        file.Write([0xFF, marker, (byte)((data.Length + 2) >> 8), (byte)(data.Length + 2)]);
        file.Write(data);
    }

    /// <summary>Entropy-coded JPEG bits, most significant first, with a zero stuffed after every FF byte.</summary>
    sealed class BitWriter
    {
        readonly MemoryStream bytes = new();
        int current, count;

        public void Write(int value, int bits)
        {
            for (var i = bits - 1; i >= 0; i--)
            {
                current = (current << 1) | ((value >> i) & 1);
                if (++count < 8) continue;
                Emit();
            }
        }

        public byte[] Finish()
        {
            while (count != 0) Write(1, 1);  // pad with ones
            return bytes.ToArray();
        }

        void Emit()
        {
            bytes.WriteByte((byte)current);
            if (current == 0xFF) bytes.WriteByte(0);
            (current, count) = (0, 0);
        }
    }

    /// <summary>GIF's LZW bits, least significant first.</summary>
    sealed class LsbBitWriter
    {
        readonly MemoryStream bytes = new();
        int current, count;

        public void Write(int value, int bits)
        {
            current |= value << count;
            count += bits;
            while (count >= 8)
            {
                bytes.WriteByte((byte)current);
                current >>= 8;
                count -= 8;
            }
        }

        public byte[] Finish()
        {
            if (count > 0) bytes.WriteByte((byte)current);
            return bytes.ToArray();
        }
    }
}
