using System.Runtime.InteropServices;
using RpPlayground.Core.Images;
using RpPlayground.Core.Tests.Support;
using RpPlayground.Tests.Shared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Core.Tests.Images;

/// <summary>
/// What a decode costs is bounded by the pixels, not by the file's structure: a scan bomb is refused within a small
/// CPU time (measured on the decoding thread, not by a clock on the wall), headers that claim more than their data
/// holds are refused in every accepted format, valid files however oddly cut are accepted, and a decode stops when its
/// caller gives up or its time runs out.
/// </summary>
public sealed class DecodeCostTests(ITestOutputHelper output)
{
    readonly ImageDecoder decoder = new(new ImageLimits());

    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void AProgressiveJpegOfThousandsOfScansIsRefusedInABoundedCpuTime()
    {
        var bomb = HostileFiles.ProgressiveScanBomb(5000, acScans: 20_000);
        var before = ThreadCpu();
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(bomb, Token));
        var cpu = ThreadCpu() - before;
        output.WriteLine($"{bomb.Length / 1024} KB progressive JPEG of 5000x5000 with 20,001 scans: \"{error.Message}\" after {cpu.TotalMilliseconds:0} ms of this thread's CPU");
        Assert.Contains($"more than {JpegScans.MaxScans} scans", error.Message);
        Assert.True(cpu < TimeSpan.FromSeconds(1), $"{cpu.TotalSeconds:0.0} CPU-seconds to refuse it");
    }

    [Fact]
    public void AProgressiveJpegWithinTheScanLimitDecodes()
    {
        using var image = decoder.Decode(HostileFiles.ProgressiveScanBomb(64, acScans: JpegScans.MaxScans - 1), Token);
        Assert.Equal(new Size(64, 64), image.Size());
    }

    [Fact]
    public void ADecodeStopsWhenItsCallerGivesUp()
    {
        using var given = new CancellationTokenSource();
        given.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => decoder.Decode(Png(Noise(64, 64)), given.Token));
    }

    [Fact]
    public void ADecodeOverItsTimeIsRefused()
    {
        // 5000x5000 in 100 scans: a tenth of a second or more to decode, and ImageSharp looks at its token between scans.
        var slow = new ImageDecoder(new ImageLimits { MaxDecodeSeconds = 0.001 });
        var error = Assert.Throws<ImageRejectedException>(() => slow.Decode(HostileFiles.ProgressiveScanBomb(5000, acScans: JpegScans.MaxScans - 1), Token));
        Assert.Contains("took more than", error.Message);
    }

    [Fact]
    public void AGifClaimingAFrameItHasNoDataForIsRefused()
    {
        var liar = HostileFiles.Gif((5000, 5000), (5000, 5000), pixelsCoded: 0);
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(liar, Token));
        output.WriteLine($"{liar.Length} byte GIF claiming 5000x5000: \"{error.Message}\"");
        Assert.Contains("holds 0% of the pixels its 5000x5000 frame claims", error.Message);
    }

    [Fact]
    public void AGifWhoseDataStopsShortOfItsFrameIsRefusedAndOneWhoseDataCoversItDecodes()
    {
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(HostileFiles.Gif((300, 200), (300, 200), pixelsCoded: 30_000), Token));
        Assert.Contains("holds 50% of the pixels", error.Message);
        using var whole = decoder.Decode(HostileFiles.Gif((300, 200), (300, 200), pixelsCoded: 60_000), Token);
        Assert.Equal(new Size(300, 200), whole.Size());
    }

    [Fact]
    public void AGifWhoseFirstFrameCoversATinyPartOfItsScreenIsRefused()
    {
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(HostileFiles.Gif((4000, 4000), (10, 10), pixelsCoded: 100), Token));
        Assert.Contains("covers less than a quarter of its 4000x4000 screen", error.Message);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(37, 23)]
    [InlineData(640, 480)]
    public void GifsWrittenByAnEncoderPassThePixelCount(int width, int height)
    {
        using var original = Noise(width, height);
        using var stream = new MemoryStream();
        original.SaveAsGif(stream, new GifEncoder());
        Assert.Null(GifBlocks.PixelDataProblem(stream.ToArray()));
        using var decoded = decoder.Decode(stream.ToArray(), Token);
        Assert.Equal(original.Size(), decoded.Size());
    }

    [Fact]
    public void ABmpClaimingRowsItHasNoBytesForIsRefused()
    {
        var liar = HostileFiles.Bmp(5000, 5000, pixelBytes: 300);
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(liar, Token));
        output.WriteLine($"{liar.Length} byte BMP claiming 5000x5000: \"{error.Message}\"");
        Assert.Contains("of what its 5000x5000 header claims", error.Message);
    }

    [Theory]
    [InlineData(BmpBitsPerPixel.Pixel24)]
    [InlineData(BmpBitsPerPixel.Pixel32)]
    [InlineData(BmpBitsPerPixel.Pixel8)]
    [InlineData(BmpBitsPerPixel.Pixel16)]
    public void BmpsWrittenByAnEncoderPassTheRowCount(BmpBitsPerPixel bits)
    {
        using var original = Noise(33, 17);
        using var stream = new MemoryStream();
        original.SaveAsBmp(stream, new BmpEncoder { BitsPerPixel = bits });
        using var decoded = decoder.Decode(stream.ToArray(), Token);
        Assert.Equal(original.Size(), decoded.Size());
    }

    [Fact]
    public void APngWithASecondHeaderIsRefused()
    {
        // A header of one row first, then one claiming 5000x5000 (the one a decoder would use), with data for one row.
        var liar = HostileFiles.PngWithChunkAfterHeader(PngWriter.Rgb(5000, 1, 1), "IHDR", HostileFiles.PngHeader(5000, 5000));
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(liar, Token));
        Assert.Contains("more than one header chunk", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void APngWhoseDataIsCutIntoTinyChunksDecodesToItsPixels(int piece)
    {
        using var original = Noise(40, 30);
        var cut = HostileFiles.PngWithDataIn(Png(original), piece);
        using var decoded = decoder.Decode(cut, Token);
        Assert.Equal(original.Size(), decoded.Size());
        Assert.Equal(original[17, 11], decoded[17, 11]);
        Assert.Equal(original[39, 29], decoded[39, 29]);
    }

    static Image<Rgb24> Noise(int width, int height)
    {
        var random = new Random(width * 7919 + height);
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
        return image;
    }

    static byte[] Png(Image<Rgb24> image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream, new PngEncoder());
        return stream.ToArray();
    }

    static TimeSpan ThreadCpu()
    {
        Assert.Equal(0, ClockGetTime(ThreadCpuClock, out var now));
        return TimeSpan.FromTicks(now.Seconds * TimeSpan.TicksPerSecond + now.Nanoseconds / 100);
    }

    const int ThreadCpuClock = 3;  // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec time);
}
