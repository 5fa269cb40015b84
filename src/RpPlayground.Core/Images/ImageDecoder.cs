using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Core.Images;

/// <summary>
/// Decodes PNG, JPEG, BMP, GIF and WebP (an animation's first frame) into RGB pixels and nothing else: metadata is
/// never inflated or kept. Size and dimensions are checked from the header, and the data against the header, before
/// any pixel memory is allocated, so an oversized, lying or otherwise hostile file is refused cheaply. The decode itself
/// stops when its caller cancels (a request whose client left) or after <see cref="ImageLimits.MaxDecodeSeconds"/>.
/// </summary>
public sealed class ImageDecoder(ImageLimits limits)
{
    static readonly Configuration Formats = CreateConfiguration();

    /// <summary>The formats accepted, for messages and file pickers.</summary>
    public const string AcceptedFormats = "PNG, JPEG, BMP, GIF or WebP";

    /// <summary>
    /// Decodes <paramref name="bytes"/> or throws <see cref="ImageRejectedException"/> with a message for the user
    /// (<see cref="OperationCanceledException"/> when <paramref name="cancellation"/> fires first).
    /// </summary>
    public Image<Rgb24> Decode(byte[] bytes, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0) throw new ImageRejectedException("The file is empty.");
        if (bytes.LongLength > limits.MaxBytes)
            throw new ImageRejectedException($"The file is {Megabytes(bytes.LongLength)}; the limit is {Megabytes(limits.MaxBytes)}.");

        bytes = PixelsOnly(bytes);
        var (info, format) = Identify(bytes);
        var pixels = (long)info.Width * info.Height;
        if (info.Width <= 0 || info.Height <= 0)
            throw new ImageRejectedException("The image has no pixels.");
        if (pixels > limits.MaxPixels)
            throw new ImageRejectedException($"The image is {info.Width}x{info.Height} ({pixels / 1e6:0.#} megapixels); the limit is {limits.MaxPixels / 1e6:0.#} megapixels.");
        if (ImageCompleteness.Problem(bytes, format) is { } problem)
            throw new ImageRejectedException($"The image is truncated or corrupt: {problem}.");

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        budget.CancelAfter(TimeSpan.FromSeconds(limits.MaxDecodeSeconds));
        try
        {
            budget.Token.ThrowIfCancellationRequested();  // ImageSharp's JPEG decoder looks at the token between segments; the others never do
            using var stream = new MemoryStream(bytes, writable: false);
            return Formats.ImageFormatsManager.FindDecoder(format).Decode<Rgb24>(Formats, stream, budget.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException e)
        {
            throw new ImageRejectedException($"The image took more than {limits.MaxDecodeSeconds:0.#} s to decode ({info.Width}x{info.Height}); the server gave up on it.", e);
        }
        catch (Exception e) when (e is OutOfMemoryException or InvalidMemoryOperationException)
        {
            throw new ImageRejectedException($"The image needs more memory to decode than the server allows ({info.Width}x{info.Height}).", e);
        }
        catch (Exception e)
        {
            // ImageSharp reports damaged data with many exception types, NullReferenceException among them.
            throw new ImageRejectedException($"The image could not be decoded; it may be truncated or corrupt{Detail(e)}.", e);
        }
    }

    // What reaches ImageSharp holds pixels and nothing else a decoder would inflate or keep: a PNG loses its
    // ancillary chunks (compressed text and ICC among them), an animated WebP all but its first frame.
    static byte[] PixelsOnly(byte[] bytes)
    {
        var format = Image.DetectFormat(Formats, bytes);
        if (format is PngFormat)
        {
            if (PngChunks.Problem(bytes) is { } problem) throw new ImageRejectedException($"The image is truncated or corrupt: {problem}.");
            return PngChunks.PixelsOnly(bytes);
        }
        if (format is WebpFormat)
            return WebpFrames.FirstFrameOnly(bytes) ?? throw new ImageRejectedException("The image is truncated or corrupt: the animated WebP has no frame.");
        return bytes;
    }

    /// <summary>Reads a file with the same checks; the byte limit is checked before reading.</summary>
    public Image<Rgb24> DecodeFile(string path, CancellationToken cancellation = default)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new ImageRejectedException($"No image file at '{path}'.");
        if (file.Length > limits.MaxBytes)
            throw new ImageRejectedException($"The file is {Megabytes(file.Length)}; the limit is {Megabytes(limits.MaxBytes)}.");
        return Decode(File.ReadAllBytes(path), cancellation);
    }

    static (IImageInfo Info, IImageFormat Format) Identify(byte[] bytes)
    {
        IImageInfo? info;
        IImageFormat? format;
        try
        {
            info = Image.Identify(Formats, bytes, out format);
        }
        catch (Exception e)
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
        // Pixels only: metadata (text, EXIF, ICC, XMP) is never parsed or kept; an animation gives its first frame.
        configuration.ImageFormatsManager.SetDecoder(PngFormat.Instance, new PngDecoder { IgnoreMetadata = true });
        configuration.ImageFormatsManager.SetDecoder(JpegFormat.Instance, new JpegDecoder { IgnoreMetadata = true });
        configuration.ImageFormatsManager.SetDecoder(WebpFormat.Instance, new WebpDecoder { IgnoreMetadata = true });
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First, MaxFrames = 1, IgnoreMetadata = true });
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
