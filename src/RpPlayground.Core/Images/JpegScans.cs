using System.Buffers.Binary;

namespace RpPlayground.Core.Images;

/// <summary>
/// Checks that a Huffman-coded JPEG's scans hold every block its frame header claims. ImageSharp 2 decodes a file whose
/// header was enlarged (or whose data was cut inside a scan) without complaint and fills the missing blocks with grey,
/// so a 100x100 picture patched to say 4990x4990 would cost a 25-megapixel decode. The check walks the entropy-coded
/// data of every scan that codes DC coefficients for the first time (baseline scans, and progressive DC scans) symbol
/// by symbol, with the file's own Huffman tables and restart markers, and counts the blocks; no pixel is computed.
/// Other coding processes (arithmetic, lossless) are left to the decoder. A file of more than <see cref="MaxScans"/>
/// scans is refused: each scan is a pass over every block, so a 929 KB progressive JPEG of 5000x5000 made of one DC
/// scan and thousands of end-of-band AC scans cost a decoder about 20 CPU-seconds (libjpeg's tools have a scan limit
/// for the same reason); encoders write about ten.
/// </summary>
public static class JpegScans
{
    /// <summary>The most scans a JPEG may have.</summary>
    public const int MaxScans = 100;

    /// <summary>Why the scans hold fewer blocks than the frame header claims, or null.</summary>
    public static string? PixelDataProblem(byte[] bytes)
    {
        var reader = new JpegReader(bytes);
        return reader.Read();
    }

    sealed class JpegReader(byte[] bytes)
    {
        readonly HuffmanTable?[] dcTables = new HuffmanTable?[4];
        readonly HuffmanTable?[] acTables = new HuffmanTable?[4];
        readonly HashSet<int> dcCoded = [];
        Frame? frame;
        int restartInterval;
        int scans;

        public string? Read()
        {
            var at = 2;
            while (at + 4 <= bytes.Length)
            {
                if (bytes[at] != 0xFF) { at++; continue; }  // stray bytes between segments, as decoders tolerate
                var marker = bytes[at + 1];
                if (marker == 0xFF) { at++; continue; }  // fill byte
                if (marker == 0xD9) break;
                if (marker is 0x01 or >= 0xD0 and <= 0xD7) { at += 2; continue; }
                var end = at + 2 + BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at + 2));
                if (end > bytes.Length) return "a JPEG segment runs past the end of the file";
                var segment = bytes.AsSpan(at + 4, end - at - 4);
                switch (marker)
                {
                    case 0xC0 or 0xC1 or 0xC2:
                        frame = Frame.Parse(segment, progressive: marker == 0xC2);
                        if (frame is null) return "the JPEG frame header is damaged";
                        break;
                    case 0xC3 or >= 0xC5 and <= 0xC7 or >= 0xC9 and <= 0xCB or >= 0xCD and <= 0xCF:
                        return null;  // not Huffman-coded DCT: the decoder decides
                    case 0xC4:
                        if (!HuffmanTable.ParseAll(segment, dcTables, acTables)) return "a JPEG Huffman table is damaged";
                        break;
                    case 0xDD:
                        restartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : 0;
                        break;
                    case 0xDA:
                        if (frame is null) return "the JPEG has a scan before its frame header";
                        if (++scans > MaxScans) return $"the JPEG has more than {MaxScans} scans";
                        var (problem, next) = Scan(segment, end);
                        if (problem is not null) return problem;
                        at = next;
                        continue;
                }
                at = end;
            }
            if (frame is null) return null;
            var missing = frame.Components.Where(c => !dcCoded.Contains(c.Id)).ToArray();
            return missing.Length > 0 ? $"the JPEG has no data for {missing.Length} of its {frame.Components.Length} colour components" : null;
        }

        // Decodes one scan from its header; returns a problem or the position of the marker after its data.
        (string? Problem, int Next) Scan(ReadOnlySpan<byte> header, int dataStart)
        {
            var count = header[0];
            var components = new List<(Component Component, HuffmanTable? Dc, HuffmanTable? Ac)>();
            for (var i = 0; i < count; i++)
            {
                var id = header[1 + 2 * i];
                var component = frame!.Components.FirstOrDefault(c => c.Id == id);
                if (component is null) return ("a JPEG scan names a component the frame lacks", 0);
                var tables = header[2 + 2 * i];
                components.Add((component, dcTables[(tables >> 4) & 3], acTables[tables & 3]));
            }
            var (spectralStart, spectralEnd, approximationHigh) = (header[1 + 2 * count], header[2 + 2 * count], header[3 + 2 * count] >> 4);
            var bits = new BitReader(bytes, dataStart);
            if (spectralStart != 0 || approximationHigh != 0) return (null, bits.SkipToMarker());  // refinements and AC bands add detail only

            var withAc = !frame!.Progressive && spectralEnd > 0;
            if (components.Any(c => c.Dc is null || (withAc && c.Ac is null))) return ("a JPEG scan uses a Huffman table the file does not define", 0);
            var (units, blocksPerUnit) = Units(components.Select(c => c.Component).ToArray());
            for (var unit = 0L; unit < units; unit++)
            {
                if (restartInterval > 0 && unit > 0 && unit % restartInterval == 0 && !bits.Restart())
                    return (Short(unit, units), 0);
                foreach (var (component, dc, ac) in components)
                    for (var b = 0; b < blocksPerUnit(component); b++)
                        if (!Block(ref bits, dc!, withAc ? ac : null))
                            return (bits.Damaged ? "the JPEG's compressed data is damaged" : Short(unit, units), 0);
            }
            foreach (var (component, _, _) in components) dcCoded.Add(component.Id);
            return (null, bits.SkipToMarker());
        }

        static string Short(long decoded, long expected) =>
            $"the JPEG's data holds {decoded * 100 / expected}% of the blocks its header claims (the file may be truncated, or its header changed)";

        // Interleaved scans go by MCU (each component's H x V blocks); a one-component scan goes block by block.
        (long Units, Func<Component, int> BlocksPerUnit) Units(Component[] inScan)
        {
            var f = frame!;
            if (inScan.Length == 1)
            {
                var c = inScan[0];
                long columns = Ceiling(Ceiling(f.Width * c.H, f.MaxH), 8), rows = Ceiling(Ceiling(f.Height * c.V, f.MaxV), 8);
                return (columns * rows, _ => 1);
            }
            return (Ceiling(f.Width, 8 * f.MaxH) * Ceiling(f.Height, 8 * f.MaxV), c => c.H * c.V);
        }

        static long Ceiling(long a, long b) => (a + b - 1) / b;

        // One 8x8 block: the DC difference, then (baseline) the AC run/size pairs up to end-of-block.
        static bool Block(ref BitReader bits, HuffmanTable dc, HuffmanTable? ac)
        {
            var size = dc.Decode(ref bits);
            if (size < 0 || !bits.Skip(size)) return false;
            if (ac is null) return true;
            for (var k = 1; k < 64;)
            {
                var symbol = ac.Decode(ref bits);
                if (symbol < 0) return false;
                int run = symbol >> 4, length = symbol & 15;
                if (length == 0)
                {
                    if (run != 15) return true;
                    k += 16;
                    continue;
                }
                if (!bits.Skip(length)) return false;
                k += run + 1;
            }
            return true;
        }
    }

    sealed record Component(int Id, int H, int V);

    sealed record Frame(int Width, int Height, bool Progressive, Component[] Components)
    {
        public int MaxH { get; } = Components.Max(c => c.H);
        public int MaxV { get; } = Components.Max(c => c.V);

        public static Frame? Parse(ReadOnlySpan<byte> segment, bool progressive)
        {
            if (segment.Length < 6) return null;
            int height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]), width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]), count = segment[5];
            if (count == 0 || segment.Length < 6 + 3 * count || width == 0 || height == 0) return null;
            var components = new Component[count];
            for (var i = 0; i < count; i++)
            {
                var sampling = segment[7 + 3 * i];
                if (sampling >> 4 is < 1 or > 4 || (sampling & 15) is < 1 or > 4) return null;
                components[i] = new Component(segment[6 + 3 * i], sampling >> 4, sampling & 15);
            }
            return new Frame(width, height, progressive, components);
        }
    }

    /// <summary>A canonical Huffman code as JPEG defines it (ITU T.81 F.2.2.3): per code length, the largest code and where its symbols start.</summary>
    sealed class HuffmanTable
    {
        readonly int[] maxCode = new int[17];
        readonly int[] firstCode = new int[17];
        readonly int[] firstSymbol = new int[17];
        readonly byte[] symbols;

        HuffmanTable(ReadOnlySpan<byte> counts, byte[] symbols)
        {
            this.symbols = symbols;
            int code = 0, index = 0;
            for (var length = 1; length <= 16; length++)
            {
                var n = counts[length - 1];
                firstSymbol[length] = index;
                firstCode[length] = code;
                maxCode[length] = n == 0 ? -1 : code + n - 1;
                code = (code + n) << 1;
                index += n;
            }
        }

        /// <summary>The next symbol, or -1 when the data ends (or holds no valid code: then <see cref="BitReader.Damaged"/> is set).</summary>
        public int Decode(ref BitReader bits)
        {
            var code = 0;
            for (var length = 1; length <= 16; length++)
            {
                var bit = bits.Next();
                if (bit < 0) return -1;
                code = (code << 1) | bit;
                if (code <= maxCode[length]) return symbols[firstSymbol[length] + code - firstCode[length]];
            }
            bits.Damaged = true;
            return -1;
        }

        /// <summary>Reads every table of a DHT segment into the DC or AC slots; false when the segment is malformed.</summary>
        public static bool ParseAll(ReadOnlySpan<byte> segment, HuffmanTable?[] dc, HuffmanTable?[] ac)
        {
            while (segment.Length >= 17)
            {
                var (kind, slot) = (segment[0] >> 4, segment[0] & 15);
                var counts = segment.Slice(1, 16);
                var total = 0;
                foreach (var n in counts) total += n;
                if (kind > 1 || slot > 3 || total > 256 || segment.Length < 17 + total) return false;
                var table = new HuffmanTable(counts, segment.Slice(17, total).ToArray());
                (kind == 0 ? dc : ac)[slot] = table;
                segment = segment[(17 + total)..];
            }
            return segment.Length == 0;
        }
    }

    /// <summary>Bits of a scan's entropy-coded data, with stuffed zero bytes removed; stops at any marker.</summary>
    struct BitReader(byte[] bytes, int start)
    {
        int at = start;
        int current;
        int left;

        /// <summary>Set when the data holds a bit pattern that no Huffman code matches.</summary>
        public bool Damaged { get; set; }

        public int Next()
        {
            if (left == 0)
            {
                if (at >= bytes.Length) return -1;
                current = bytes[at++];
                if (current == 0xFF)
                {
                    if (at >= bytes.Length || bytes[at] != 0x00)
                    {
                        at--;  // a marker: this data ends here, and the marker stays to be read
                        return -1;
                    }
                    at++;  // FF 00 stands for a data byte FF
                }
                left = 8;
            }
            left--;
            return (current >> left) & 1;
        }

        public bool Skip(int count)
        {
            for (var i = 0; i < count; i++)
                if (Next() < 0) return false;
            return true;
        }

        /// <summary>At a restart interval's end: drops the padding bits and steps over the RSTn marker; false when there is none.</summary>
        public bool Restart()
        {
            left = 0;
            while (at + 1 < bytes.Length && bytes[at] == 0xFF && bytes[at + 1] == 0xFF) at++;
            if (at + 1 >= bytes.Length || bytes[at] != 0xFF || bytes[at + 1] is < 0xD0 or > 0xD7) return false;
            at += 2;
            return true;
        }

        /// <summary>The position of the next marker that is not a restart marker (the end of this scan's data).</summary>
        public int SkipToMarker()
        {
            var i = at;
            while (i + 1 < bytes.Length && !(bytes[i] == 0xFF && bytes[i + 1] is not 0x00 and not 0xFF and (< 0xD0 or > 0xD7))) i++;
            return i + 1 < bytes.Length ? i : bytes.Length;
        }
    }
}
