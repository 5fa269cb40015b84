namespace RpPlayground.Core.Images;

/// <summary>What an image may cost before it is decoded; bound from configuration section "Images".</summary>
public sealed record ImageLimits
{
    /// <summary>Largest encoded file, in bytes (default 10 MB).</summary>
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Largest width times height (default 25 megapixels).</summary>
    public long MaxPixels { get; init; } = 25_000_000;

    /// <summary>Longest a decode may take, in seconds, before the image is refused (default 10; a 25-megapixel greyscale JPEG took half a second here).</summary>
    public double MaxDecodeSeconds { get; init; } = 10;
}
