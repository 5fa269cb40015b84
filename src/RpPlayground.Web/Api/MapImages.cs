using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Web.Samples;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Processing;

namespace RpPlayground.Web.Api;

/// <summary>A frame's map as PNG: alone in colour, or over its image at the model's input size. Call on a run thread (it uses LibTorch).</summary>
public static class MapImages
{
    public static byte[] MaskPng(Frame frame, int size)
    {
        using var image = HeatMap.Render(FrameMaps.Resized(frame, size), size, size);
        return Png(image);
    }

    public static byte[] OverlayPng(Frame frame, int size, ImageLibrary images, string imageId)
    {
        using var picture = images.Decode(imageId);
        picture.Mutate(x => x.Resize(size, size));
        using var overlay = HeatMap.Overlay(picture, FrameMaps.Resized(frame, size));
        return Png(overlay);
    }

    static byte[] Png(Image image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
