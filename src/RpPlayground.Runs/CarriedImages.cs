using RpPlayground.Core.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Runs;

/// <summary>A worker's images: only those its runs carry (it has no samples or uploads of its own).</summary>
public sealed class CarriedImages(ImageDecoder decoder) : IRunImages
{
    public bool Contains(string id) => false;

    public byte[]? Bytes(string id) => null;

    public Image<Rgb24> Decode(string id) => throw new ImageRejectedException($"A worker has no image '{Core.UserText.Short(id)}'; its runs carry their images.");

    public Image<Rgb24> Decode(byte[] bytes) => decoder.Decode(bytes);
}
