using System.Buffers.Binary;

namespace RpPlayground.Core.Images;

/// <summary>
/// Checks that a GIF's first frame holds the pixels its headers claim. ImageSharp 2 decodes onto the logical screen
/// and fills what the frame's data does not cover, so a 35-byte file claiming a 5000x5000 frame would be stored as
/// 25 megapixels. The check walks the blocks to the first image, then the image's LZW codes (as GIF89a defines them:
/// variable-width codes from the minimum size + 1 up to 12 bits, with clear and end codes), counting the pixels
/// each code stands for by the lengths of the dictionary's strings; no pixel is produced. The first frame must also lie
/// on the screen and cover at least a quarter of it (the rest of the screen is background the file never paid for).
/// </summary>
public static class GifBlocks
{
    /// <summary>Why the file's first frame does not hold what its headers claim, or null.</summary>
    public static string? PixelDataProblem(byte[] bytes)
    {
        if (bytes.Length < 13) return "the GIF is shorter than its header";
        int screenWidth = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)), screenHeight = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var at = 13 + ColourTable(bytes[10]);
        while (at < bytes.Length)
        {
            switch (bytes[at])
            {
                case 0x21:  // an extension: its label, then sub-blocks
                    at = SkipSubBlocks(bytes, at + 2);
                    break;
                case 0x2C:
                    if (at + 10 > bytes.Length) return "the GIF's image descriptor is cut off";
                    var frame = bytes.AsSpan(at + 1);
                    int left = BinaryPrimitives.ReadUInt16LittleEndian(frame), top = BinaryPrimitives.ReadUInt16LittleEndian(frame[2..]);
                    int width = BinaryPrimitives.ReadUInt16LittleEndian(frame[4..]), height = BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]);
                    if (left + width > screenWidth || top + height > screenHeight)
                        return $"the GIF's first frame ({width}x{height} at {left},{top}) lies outside its {screenWidth}x{screenHeight} screen";
                    if (4L * width * height < (long)screenWidth * screenHeight)
                        return $"the GIF's first frame ({width}x{height}) covers less than a quarter of its {screenWidth}x{screenHeight} screen";
                    var data = at + 10 + ColourTable(frame[8]);
                    if (data >= bytes.Length) return "the GIF's first frame has no pixel data";
                    var pixels = Pixels(bytes, data + 1, bytes[data], (long)width * height);
                    return pixels < (long)width * height
                        ? $"the GIF's data holds {pixels * 100 / ((long)width * height)}% of the pixels its {width}x{height} frame claims"
                        : null;
                default:
                    return "the GIF has no image";  // the trailer (0x3B) or anything else before the first image
            }
        }
        return "the GIF has no image";
    }

    // A colour table's bytes from a packed field: present when bit 7 is set, 2^(n+1) entries of 3 bytes.
    static int ColourTable(byte packed) => (packed & 0x80) == 0 ? 0 : 3 << ((packed & 7) + 1);

    // The position after a run of sub-blocks (each a length byte and its data) and its zero-length terminator.
    static int SkipSubBlocks(byte[] bytes, int at)
    {
        while (at < bytes.Length && bytes[at] != 0) at += 1 + bytes[at];
        return at + 1;
    }

    // The pixels the LZW codes in the sub-blocks from `at` stand for, counted until `needed` or the data ends.
    static long Pixels(byte[] bytes, int at, int minimumCodeSize, long needed)
    {
        if (minimumCodeSize is < 1 or > 11) return 0;
        const int MaxCodes = 4096;
        int clear = 1 << minimumCodeSize, end = clear + 1;
        var lengths = new int[MaxCodes];
        for (var i = 0; i < clear; i++) lengths[i] = 1;
        int codeSize = minimumCodeSize + 1, available = clear + 2, previous = -1;
        long pixels = 0;
        var bits = new SubBlockBits(bytes, at);
        while (pixels < needed)
        {
            var code = bits.Read(codeSize);
            if (code < 0 || code == end) break;
            if (code == clear)
            {
                (codeSize, available, previous) = (minimumCodeSize + 1, clear + 2, -1);
                continue;
            }
            if (previous < 0)
            {
                if (code > clear) break;  // a first code must be a literal
                pixels += 1;
                previous = code;
                continue;
            }
            if (code > available) break;  // no decoder could read this: the data is damaged
            var length = code == available ? lengths[previous] + 1 : lengths[code];
            pixels += length;
            if (available < MaxCodes)
            {
                lengths[available++] = lengths[previous] + 1;
                if (available == 1 << codeSize && available < MaxCodes) codeSize++;
            }
            previous = code;
        }
        return pixels;
    }

    /// <summary>Bits of the LZW stream, least significant first, across the sub-blocks that carry it.</summary>
    struct SubBlockBits(byte[] bytes, int at)
    {
        int left = 0;  // bytes left in the current sub-block
        int buffer, count;
        bool ended;

        public int Read(int size)
        {
            while (count < size)
            {
                if (ended) return -1;
                if (left == 0)
                {
                    if (at >= bytes.Length || bytes[at] == 0)
                    {
                        ended = true;
                        return -1;
                    }
                    left = bytes[at++];
                }
                if (at >= bytes.Length)
                {
                    ended = true;
                    return -1;
                }
                buffer |= bytes[at++] << count;
                count += 8;
                left--;
            }
            var code = buffer & ((1 << size) - 1);
            buffer >>= size;
            count -= size;
            return code;
        }
    }
}
