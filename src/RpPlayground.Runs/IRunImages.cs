using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Runs;

/// <summary>
/// The images runs name by id (a sample or an upload, on a web node: its image library) and the images a run carries
/// with it (a worker's), decoded with the image checks. A worker knows no ids: every run it takes carries its image.
/// </summary>
public interface IRunImages
{
    /// <summary>Whether there is an image with this id.</summary>
    bool Contains(string id);

    /// <summary>The image's file (PNG or JPEG) to send with a run to a worker, or null.</summary>
    byte[]? Bytes(string id);

    /// <summary>The image decoded; throws a user-facing exception when there is none with this id.</summary>
    Image<Rgb24> Decode(string id);

    /// <summary>A carried image's bytes decoded, checked like an upload.</summary>
    Image<Rgb24> Decode(byte[] bytes);
}
