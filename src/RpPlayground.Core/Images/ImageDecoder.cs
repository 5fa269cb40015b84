using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Core.Images;

/// <summary>
/// Decodes PNG, JPEG, BMP, GIF (first frame) and WebP into RGB pixels, after checking size and dimensions from the
/// header alone, so an oversized or hostile file is refused before any pixel memory is allocated.
/// </summary>
public sealed class ImageDecoder(ImageLimits limits)
{
    static readonly Configuration Formats = CreateConfiguration();

    /// <summary>The formats accepted, for messages and file pickers.</summary>
    public const string AcceptedFormats = "PNG, JPEG, BMP, GIF or WebP";

    /// <summary>Decodes <paramref name="bytes"/> or throws <see cref="ImageRejectedException"/> with a message for the user.</summary>
    public Image<Rgb24> Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0) throw new ImageRejectedException("The file is empty.");
        if (bytes.LongLength > limits.MaxBytes)
            throw new ImageRejectedException($"The file is {Megabytes(bytes.LongLength)}; the limit is {Megabytes(limits.MaxBytes)}.");

        var (info, format) = Identify(bytes);
        if (ImageCompleteness.Problem(bytes, format) is { } problem)
            throw new ImageRejectedException($"The image is truncated or corrupt: {problem}.");
        var pixels = (long)info.Width * info.Height;
        if (info.Width <= 0 || info.Height <= 0)
            throw new ImageRejectedException("The image has no pixels.");
        if (pixels > limits.MaxPixels)
            throw new ImageRejectedException($"The image is {info.Width}x{info.Height} ({pixels / 1e6:0.#} megapixels); the limit is {limits.MaxPixels / 1e6:0.#} megapixels.");

        try
        {
            return Image.Load<Rgb24>(Formats, bytes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ImageSharp reports damaged data with many exception types, NullReferenceException among them.
            throw new ImageRejectedException($"The image could not be decoded; it may be truncated or corrupt{Detail(e)}.", e);
        }
    }

    /// <summary>Reads a file with the same checks; the byte limit is checked before reading.</summary>
    public Image<Rgb24> DecodeFile(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new ImageRejectedException($"No image file at '{path}'.");
        if (file.Length > limits.MaxBytes)
            throw new ImageRejectedException($"The file is {Megabytes(file.Length)}; the limit is {Megabytes(limits.MaxBytes)}.");
        return Decode(File.ReadAllBytes(path));
    }

    static (IImageInfo Info, IImageFormat Format) Identify(byte[] bytes)
    {
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            info = Image.Identify(Formats, bytes, out format);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ImageRejectedException($"The image header could not be read; the file may be truncated or corrupt{Detail(e)}.", e);
        }
        if (info is null || format is null)
            throw new ImageRejectedException($"This is not an image in a supported format ({AcceptedFormats}).");
        return (info, format);
    }

    static Configuration CreateConfiguration()
    {
        var configuration = new Configuration(
            new PngConfigurationModule(), new JpegConfigurationModule(), new BmpConfigurationModule(),
            new GifConfigurationModule(), new WebpConfigurationModule());
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        return configuration;
    }

    static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.##} MB";

    // ImageSharp's own messages say what is wrong with the data; other exceptions' messages would only confuse.
    static string Detail(Exception e)
    {
        if (e is not ImageFormatException) return "";
        var end = e.Message.IndexOf(". ", StringComparison.Ordinal);
        return $" ({(end > 0 ? e.Message[..end] : e.Message).TrimEnd('.')})";
    }
}
