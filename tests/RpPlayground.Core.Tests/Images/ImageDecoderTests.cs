using RpPlayground.Tests.Shared;
using System.Diagnostics;
using RpPlayground.Core.Images;
using RpPlayground.Core.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Core.Tests.Images;

/// <summary>Every accepted format decodes; every bad file is refused with one clear message and no large allocation.</summary>
public sealed class ImageDecoderTests(ITestOutputHelper output)
{
    readonly ImageDecoder decoder = new(new ImageLimits());

    public static TheoryData<string> LosslessFormats => new("png", "bmp", "webp-lossless", "gif");

    [Theory]
    [MemberData(nameof(LosslessFormats))]
    public void LosslessFormatsRoundTripExactly(string format)
    {
        using var original = Stripes(37, 23);
        using var decoded = decoder.Decode(Encode(original, format), TestContext.Current.CancellationToken);
        Assert.Equal(original.Size(), decoded.Size());
        for (var y = 0; y < original.Height; y++)
            for (var x = 0; x < original.Width; x++)
                Assert.Equal(original[x, y], decoded[x, y]);
    }

    [Fact]
    public void JpegDecodesCloseToTheOriginal()
    {
        using var original = Stripes(40, 24);
        using var decoded = decoder.Decode(Encode(original, "jpeg"), TestContext.Current.CancellationToken);
        var error = 0.0;
        for (var y = 0; y < original.Height; y++)
            for (var x = 0; x < original.Width; x++)
                error += Math.Abs(original[x, y].R - decoded[x, y].R) + Math.Abs(original[x, y].G - decoded[x, y].G) + Math.Abs(original[x, y].B - decoded[x, y].B);
        Assert.True(error / (3 * original.Width * original.Height) < 12, $"mean absolute error {error / (3 * original.Width * original.Height):0.0}");
    }

    [Fact]
    public void AHugeImageIsRefusedFromItsHeaderAlone()
    {
        var bomb = PngWriter.BlackBilevel(20000, 20000);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(bomb, TestContext.Current.CancellationToken));
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        output.WriteLine($"{bomb.Length / 1024} KB PNG of 20000x20000 refused in {clock.Elapsed.TotalMilliseconds:0.0} ms, {allocated / 1024} KB allocated");
        Assert.Contains("20000x20000", error.Message);
        Assert.Contains("limit is 25 megapixels", error.Message);
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated} bytes allocated while refusing");
    }

    [Fact]
    public void AFileOverTheByteLimitIsRefusedBeforeDecoding()
    {
        var small = new ImageDecoder(new ImageLimits { MaxBytes = 1000 });
        using var image = Stripes(200, 200);
        var error = Assert.Throws<ImageRejectedException>(() => small.Decode(Encode(image, "bmp"), TestContext.Current.CancellationToken));
        Assert.Contains("the limit is 0 MB", error.Message.Replace("0.00 MB", "0 MB"));
    }

    [Fact]
    public void ATruncatedPngIsRefused()
    {
        var png = File.ReadAllBytes(TestPaths.Photo("chelsea.png"));
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(png[..(png.Length / 2)], TestContext.Current.CancellationToken));
        output.WriteLine(error.Message);
        Assert.Contains("truncated or corrupt", error.Message);
    }

    [Fact]
    public void ACorruptJpegIsRefused()
    {
        var jpeg = File.ReadAllBytes(TestPaths.Photo("rocket.jpg"));
        var damaged = jpeg[..200].Concat(new byte[jpeg.Length - 200]).ToArray();
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(damaged, TestContext.Current.CancellationToken));
        output.WriteLine(error.Message);
        Assert.Contains("corrupt", error.Message);
    }

    [Theory]
    [InlineData("this is plain text, not a picture")]
    [InlineData("")]
    public void SomethingThatIsNotAnImageIsRefused(string content)
    {
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(System.Text.Encoding.UTF8.GetBytes(content), TestContext.Current.CancellationToken));
        Assert.Matches("not an image|empty", error.Message);
    }

    [Fact]
    public void AnUnsupportedFormatIsRefusedByName()
    {
        using var image = Stripes(8, 8);
        using var tga = new MemoryStream();
        image.SaveAsTga(tga);
        var error = Assert.Throws<ImageRejectedException>(() => decoder.Decode(tga.ToArray(), TestContext.Current.CancellationToken));
        Assert.Contains("PNG, JPEG, BMP, GIF or WebP", error.Message);
    }

    static Image<Rgb24> Stripes(int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = x % 8 < 4 ? new Rgb24(250, 20, 20) : new Rgb24(10, 30, 240);
        return image;
    }

    static byte[] Encode(Image<Rgb24> image, string format)
    {
        IImageEncoder encoder = format switch
        {
            "png" => new PngEncoder(),
            "bmp" => new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 },
            "webp-lossless" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
            "gif" => new GifEncoder(),
            "jpeg" => new JpegEncoder { Quality = 95 },
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
        using var stream = new MemoryStream();
        image.Save(stream, encoder);
        return stream.ToArray();
    }
}
