using System.Buffers.Binary;

namespace RpPlayground.Core.Images;

/// <summary>
/// Animated WebP reduced to its first frame before decoding. ImageSharp 2 has no first-frame mode for WebP and decodes
/// every frame onto the full canvas, so a file of thousands of tiny frames would cost thousands of decodes; the first
/// frame's bitstream (with its alpha) is repackaged as a still WebP instead, and metadata chunks are dropped.
/// </summary>
public static class WebpFrames
{
    const int AnimationFlag = 0x02;
    const int AlphaFlag = 0x10;

    /// <summary>A still WebP of the first frame when <paramref name="bytes"/> is animated; otherwise the bytes unchanged. Null when an animation has no frame.</summary>
    public static byte[]? FirstFrameOnly(byte[] bytes)
    {
        var chunks = Chunks(bytes, 12, bytes.Length).ToList();
        var header = chunks.FirstOrDefault(c => c.Type == "VP8X");
        if (header.Type is null || header.Length < 10 || (bytes[header.Data] & AnimationFlag) == 0) return bytes;
        var frame = chunks.FirstOrDefault(c => c.Type == "ANMF");
        if (frame.Type is null || frame.Length < 16) return null;

        int width = Read24(bytes, frame.Data + 6) + 1, height = Read24(bytes, frame.Data + 9) + 1;
        var parts = Chunks(bytes, frame.Data + 16, frame.Data + frame.Length).Where(c => c.Type is "ALPH" or "VP8 " or "VP8L").ToList();
        if (!parts.Any(c => c.Type is "VP8 " or "VP8L")) return null;

        using var still = new MemoryStream();
        still.Write("RIFF"u8);
        still.Write(new byte[4]);
        still.Write("WEBP"u8);
        var extended = new byte[10];
        extended[0] = (byte)(parts.Any(c => c.Type == "ALPH") ? AlphaFlag : 0);
        Write24(extended, 4, width - 1);
        Write24(extended, 7, height - 1);
        WriteChunk(still, "VP8X", extended);
        foreach (var part in parts) WriteChunk(still, part.Type, bytes.AsSpan(part.Data, part.Length));
        var result = still.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }

    // (type, data offset, data length) of the RIFF chunks between start and end; stops at the first that does not fit.
    static IEnumerable<(string Type, int Data, int Length)> Chunks(byte[] bytes, int start, int end)
    {
        var at = (long)start;
        while (at + 8 <= end)
        {
            var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)at + 4));
            if (at + 8 + length > end) yield break;
            yield return (System.Text.Encoding.ASCII.GetString(bytes, (int)at, 4), (int)at + 8, (int)length);
            at += 8 + length + (length & 1);
        }
    }

    static void WriteChunk(Stream stream, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        System.Text.Encoding.ASCII.GetBytes(type, header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)data.Length);
        stream.Write(header);
        stream.Write(data);
        if ((data.Length & 1) == 1) stream.WriteByte(0);
    }

    static int Read24(byte[] bytes, int at) => bytes[at] | bytes[at + 1] << 8 | bytes[at + 2] << 16;

    static void Write24(byte[] bytes, int at, int value) => (bytes[at], bytes[at + 1], bytes[at + 2]) = ((byte)value, (byte)(value >> 8), (byte)(value >> 16));
}
