using RpPlayground.Core.Images;

namespace RpPlayground.Core.Methods;

/// <summary>
/// The perturbed images a method made for a frame, by its own perturbation of the frame's mask (without the input
/// noise or jitter of its iterations): x_pt, and x_rpt where the method makes one. They come with the first frame, every
/// <see cref="Every"/>th, the last and the clean one, at most <see cref="Side"/> pixels a side (what the network sees,
/// shrunk), so a page shows the method's pictures and never remakes them.
/// </summary>
public sealed record FramePictures(RgbPicture Perturbed, RgbPicture? Reversed)
{
    /// <summary>Every how many iterations a frame carries pictures.</summary>
    public const int Every = 10;

    /// <summary>The largest side of a picture, in pixels.</summary>
    public const int Side = 128;

    /// <summary>Whether the frame of <paramref name="iteration"/> (1-based) of <paramref name="iterations"/> carries pictures.</summary>
    public static bool For(int iteration, int iterations) => iteration == 1 || iteration % Every == 0 || iteration >= iterations;
}
