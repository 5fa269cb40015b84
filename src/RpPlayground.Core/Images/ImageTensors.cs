using RpPlayground.Core.Torch;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static TorchSharp.torch;

namespace RpPlayground.Core.Images;

/// <summary>Converts between RGB images and float tensors of shape [1, 3, H, W] with values in [0, 1].</summary>
public static class ImageTensors
{
    /// <summary>The image as a [1, 3, H, W] float32 tensor in [0, 1] on the CPU.</summary>
    public static Tensor ToTensor(Image<Rgb24> image)
    {
        int width = image.Width, height = image.Height, plane = width * height;
        var data = new float[3 * plane];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < width; x++)
                {
                    var at = y * width + x;
                    data[at] = row[x].R / 255f;
                    data[plane + at] = row[x].G / 255f;
                    data[2 * plane + at] = row[x].B / 255f;
                }
            }
        });
        return tensor(data, new long[] { 1, 3, height, width });
    }

    /// <summary>A [1, 3, H, W] or [3, H, W] tensor in [0, 1] (values outside are clamped) as an RGB image.</summary>
    public static Image<Rgb24> ToImage(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var chw = pixels.dim() == 4 ? pixels[0] : pixels;
        if (chw.dim() != 3 || chw.shape[0] != 3)
            throw new ArgumentException($"Expected a [1,3,H,W] or [3,H,W] tensor, got [{string.Join(",", pixels.shape)}].", nameof(pixels));
        int height = (int)chw.shape[1], width = (int)chw.shape[2], plane = width * height;
        var data = chw.detach().to(float32).cpu().clamp(ScalarOps.Zero, ScalarOps.One).Times(255).round().contiguous().data<float>().ToArray();
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < width; x++)
                {
                    var at = y * width + x;
                    row[x] = new Rgb24((byte)data[at], (byte)data[plane + at], (byte)data[2 * plane + at]);
                }
            }
        });
        return image;
    }

    /// <summary>The image resized to <paramref name="width"/> x <paramref name="height"/> with a bilinear (triangle) filter, as a tensor.</summary>
    public static Tensor ToResizedTensor(Image<Rgb24> image, int width, int height)
    {
        if (image.Width == width && image.Height == height) return ToTensor(image);
        using var resized = image.Clone(c => c.Resize(new ResizeOptions { Size = new SixLabors.ImageSharp.Size(width, height), Mode = ResizeMode.Stretch, Sampler = KnownResamplers.Triangle }));
        return ToTensor(resized);
    }
}
