using RpPlayground.Core.Images;
using RpPlayground.Core.Tests.Support;
using RpPlayground.Tests.Shared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Core.Tests.Images;

/// <summary>
/// Files built to hurt the server: metadata that inflates to hundreds of megabytes, headers that claim more pixels
/// than the data holds, animations of thousands of frames. Each is refused, or decoded to its pixels alone, within a
/// memory budget measured on the decoding thread.
/// </summary>
public sealed class HostileImageTests(ITestOutputHelper output)
{
    const long Budget = 50L * 1024 * 1024;
    readonly ImageDecoder decoder = new(new ImageLimits());

    [Theory]
    [InlineData("zTXt")]
    [InlineData("iTXt")]
    [InlineData("iCCP")]
    public void CompressedPngMetadataIsNeverInflated(string chunk)
    {
        var bomb = PngWriter.Rgb(64, 48, 48, (chunk, Metadata(chunk, PngWriter.CompressedZeros(200L * 1024 * 1024))));
        var (image, allocated) = Measure(() => decoder.Decode(bomb));
        using (image) Assert.Equal(new Size(64, 48), image.Size());
        output.WriteLine($"{bomb.Length / 1024} KB PNG with a {chunk} chunk inflating to 200 MB: decoded, {allocated / 1024} KB allocated");
        Assert.True(allocated < Budget, $"{allocated / 1024 / 1024} MB allocated");
    }

    [Fact]
    public void AnAnimatedPngOfTenThousandFramesDecodesItsDefaultImageAlone()
    {
        // APNG: acTL (frames, plays), then per frame an fcTL (sequence, size, offset, delay, disposal, blending) and an
        // fdAT (sequence, then zlib data: here 64 KB of zeros a frame, 640 MB in all were every frame inflated).
        var frame = PngWriter.CompressedZeros(64 << 10);
        var chunks = new List<(string, byte[])> { ("acTL", [0, 0, 0x27, 0x10, 0, 0, 0, 0]) };
        for (var k = 0; k < 10_000; k++)
        {
            var control = new byte[26];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(control, (uint)(2 * k));
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(control.AsSpan(4), 64);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(control.AsSpan(8), 48);
            chunks.Add(("fcTL", control));
            chunks.Add(("fdAT", [(byte)((2 * k + 1) >> 24), (byte)((2 * k + 1) >> 16), (byte)((2 * k + 1) >> 8), (byte)(2 * k + 1), .. frame]));
        }
        var animation = PngWriter.Rgb(64, 48, 48, [.. chunks]);
        var (image, allocated) = Measure(() => decoder.Decode(animation, TestContext.Current.CancellationToken));
        using (image) Assert.Equal(new Size(64, 48), image.Size());
        output.WriteLine($"animated PNG of 10,000 frames ({animation.Length / 1024} KB): {allocated / 1024} KB allocated");
        Assert.True(allocated < Budget, $"{allocated / 1024 / 1024} MB allocated");
    }

    [Fact]
    public void APngWhoseDataHoldsFewerRowsThanItsHeaderIsRefused()
    {
        var liar = PngWriter.Rgb(4000, 4000, 64);
        var (error, allocated) = Measure(() => Assert.Throws<ImageRejectedException>(() => decoder.Decode(liar, TestContext.Current.CancellationToken)));
        output.WriteLine($"{liar.Length / 1024} KB PNG claiming 4000x4000 with 64 rows: \"{error.Message}\", {allocated / 1024} KB allocated");
        Assert.Contains("holds 1% of the rows its 4000x4000 header claims", error.Message);
        Assert.True(allocated < Budget, $"{allocated / 1024 / 1024} MB allocated");
    }

    [Fact]
    public void AJpegWhoseHeaderWasEnlargedIsRefused()
    {
        var liar = Jpeg(Stripes(96, 64), JpegColorType.YCbCrRatio420);
        var frame = liar.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        liar[frame + 5] = liar[frame + 7] = 4990 >> 8;
        liar[frame + 6] = liar[frame + 8] = 4990 & 0xFF;
        var (error, allocated) = Measure(() => Assert.Throws<ImageRejectedException>(() => decoder.Decode(liar, TestContext.Current.CancellationToken)));
        output.WriteLine($"{liar.Length} byte JPEG patched to 4990x4990: \"{error.Message}\", {allocated / 1024} KB allocated");
        Assert.Contains("of the blocks its header claims", error.Message);
        Assert.True(allocated < Budget, $"{allocated / 1024 / 1024} MB allocated");
    }

    [Fact]
    public void AJpegCutInsideItsScanIsRefusedEvenWithItsEndMarker()
    {
        var whole = Jpeg(Stripes(160, 120), JpegColorType.YCbCrRatio444);
        byte[] cut = [.. whole[..(whole.Length * 2 / 3)], 0xFF, 0xD9];
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(cut, TestContext.Current.CancellationToken));
        Assert.Contains("of the blocks its header claims", error.Message);
    }

    [Theory]
    [InlineData(JpegColorType.YCbCrRatio420, 37, 23)]
    [InlineData(JpegColorType.YCbCrRatio444, 640, 17)]
    [InlineData(JpegColorType.YCbCrRatio422, 33, 65)]
    [InlineData(JpegColorType.Luminance, 100, 3)]
    public void WholeJpegsPassTheBlockCount(JpegColorType colours, int width, int height)
    {
        using var decoded = decoder.Decode(Jpeg(Stripes(width, height), colours), TestContext.Current.CancellationToken);
        Assert.Equal(new Size(width, height), decoded.Size());
    }

    [Fact]
    public void TheSamplePhotoPassesTheBlockCount() => Assert.Null(JpegScans.PixelDataProblem(File.ReadAllBytes(TestPaths.Photo("rocket.jpg"))));

    [Theory]
    [InlineData("progressive.jpg")]
    [InlineData("restart-markers.jpg")]
    [InlineData("progressive-grey-restarts.jpg")]
    public void ProgressiveAndRestartCodedJpegsPassWholeAndAreRefusedEnlarged(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.Repository, "tests", "RpPlayground.Core.Tests", "Images", "Data", file));
        using (var decoded = decoder.Decode(bytes, TestContext.Current.CancellationToken)) Assert.Equal(new Size(160, 107), decoded.Size());
        var frame = bytes.AsSpan().IndexOfAny([(byte)0xC0, (byte)0xC2]);
        while (bytes[frame - 1] != 0xFF) frame = frame + 1 + bytes.AsSpan(frame + 1).IndexOfAny([(byte)0xC0, (byte)0xC2]);
        bytes[frame + 4] = 1;  // height 107 becomes 363
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(bytes, TestContext.Current.CancellationToken));
        Assert.Contains("of the blocks its header claims", error.Message);
    }

    [Fact]
    public void AGifOfTenThousandFramesCostsAboutAsMuchAsOneFrame()
    {
        var one = Gif(frames: 1);
        var many = Gif(frames: 10_000);
        var (first, oneFrame) = Measure(() => decoder.Decode(one));
        first.Dispose();
        var (image, manyFrames) = Measure(() => decoder.Decode(many));
        using (image) Assert.Equal(new Size(32, 32), image.Size());
        output.WriteLine($"GIF of 1 frame: {oneFrame / 1024} KB allocated; of 10,000 frames ({many.Length / 1024} KB): {manyFrames / 1024} KB");
        Assert.True(manyFrames < oneFrame + 4 * 1024 * 1024, $"{manyFrames / 1024} KB for 10,000 frames, {oneFrame / 1024} KB for one");
    }

    [Fact]
    public void AnAnimatedWebpOfTenThousandFramesDecodesItsFirstFrameOnly()
    {
        var still = Encode(Stripes(32, 32), new WebpEncoder { FileFormat = WebpFileFormatType.Lossless });
        var animation = AnimatedWebp(still, 10_000);
        var (image, allocated) = Measure(() => decoder.Decode(animation));
        using (image)
        {
            Assert.Equal(new Size(32, 32), image.Size());
            using var expected = Stripes(32, 32);
            Assert.Equal(expected[5, 7], image[5, 7]);
        }
        output.WriteLine($"animated WebP of 10,000 frames ({animation.Length / 1024} KB): {allocated / 1024} KB allocated");
        Assert.True(allocated < Budget, $"{allocated / 1024 / 1024} MB allocated");
    }

    static (T Result, long Allocated) Measure<T>(Func<T> work)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = work();
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // zTXt: keyword, method, data; iTXt: keyword, compressed flag, method, language, translated keyword, data; iCCP: name, method, data.
    static byte[] Metadata(string chunk, byte[] compressed) => chunk switch
    {
        "zTXt" => [.. "Comment\0"u8, 0, .. compressed],
        "iTXt" => [.. "Comment\0"u8, 1, 0, 0, 0, .. compressed],
        _ => [.. "icc\0"u8, 0, .. compressed],
    };

    static Image<Rgb24> Stripes(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)(x * 7), (byte)(y * 11), (byte)((x / 4 + y / 4) % 2 * 200));
        return image;
    }

    static byte[] Encode(Image<Rgb24> image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using (image)
        {
            using var stream = new MemoryStream();
            image.Save(stream, encoder);
            return stream.ToArray();
        }
    }

    static byte[] Jpeg(Image<Rgb24> image, JpegColorType colours) => Encode(image, new JpegEncoder { ColorType = colours, Quality = 90 });

    static byte[] Gif(int frames)
    {
        using var image = new Image<Rgba32>(32, 32, new Rgba32(200, 30, 30));
        for (var i = 1; i < frames; i++) image.Frames.AddFrame(image.Frames.RootFrame);
        using var stream = new MemoryStream();
        image.SaveAsGif(stream);
        return stream.ToArray();
    }

    // RIFF WEBP: VP8X (animation flag, canvas size), ANIM (background, loops), then one ANMF chunk a frame, each holding
    // the still image's VP8L chunk.
    static byte[] AnimatedWebp(byte[] still, int frames)
    {
        var bitstream = still[12..];  // the still's one chunk: "VP8L", its size, its data
        using var file = new MemoryStream();
        var writer = new BinaryWriter(file);
        writer.Write("RIFF"u8);
        writer.Write(0);
        writer.Write("WEBP"u8);
        writer.Write("VP8X"u8);
        writer.Write(10);
        writer.Write([0x02, 0, 0, 0, 31, 0, 0, 31, 0, 0]);
        writer.Write("ANIM"u8);
        writer.Write(6);
        writer.Write([0, 0, 0, 0, 0, 0]);
        for (var i = 0; i < frames; i++)
        {
            writer.Write("ANMF"u8);
            writer.Write(16 + bitstream.Length);
            writer.Write([0, 0, 0, 0, 0, 0, 31, 0, 0, 31, 0, 0, 100, 0, 0, 0]);
            writer.Write(bitstream);
        }
        writer.Flush();
        var bytes = file.ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }
}
