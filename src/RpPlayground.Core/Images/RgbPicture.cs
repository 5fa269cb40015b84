using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Images;

/// <summary>A small picture as bytes: <see cref="Width"/> x <see cref="Height"/> pixels, row-major, three bytes (R, G, B) each.</summary>
public sealed record RgbPicture(int Width, int Height, byte[] Pixels)
{
    /// <summary>
    /// An image [1, 3, S, S] with values in [0, 1] as a picture of at most <paramref name="side"/> pixels a side
    /// (shrunk by area averaging, which keeps what a coarse look at the image shows). Calls LibTorch: on a run thread,
    /// inside the caller's dispose scope.
    /// </summary>
    public static RgbPicture Of(Tensor image, int side)
    {
        var (height, width) = ((int)image.shape[2], (int)image.shape[3]);
        var scale = Math.Max(1.0, Math.Max(height, width) / (double)side);
        var (h, w) = ((int)Math.Round(height / scale), (int)Math.Round(width / scale));
        var shrunk = h == height && w == width ? image : nn.functional.interpolate(image, [h, w], mode: InterpolationMode.Area);
        var bytes = shrunk.detach().ClampTo(0, 1).Times(255).round().to(uint8).permute(0, 2, 3, 1).contiguous().cpu();
        return new RgbPicture(w, h, bytes.data<byte>().ToArray());
    }

    /// <summary>This picture with its longer side at most <paramref name="side"/>, each new pixel the mean of the old ones whose centres fall in it (plain C#).</summary>
    public RgbPicture Shrunk(int side)
    {
        if (Width <= side && Height <= side) return this;
        var scale = (double)Math.Max(Width, Height) / side;
        var (w, h) = (Math.Max(1, (int)Math.Round(Width / scale)), Math.Max(1, (int)Math.Round(Height / scale)));
        var sums = new int[w * h * 3];
        var counts = new int[w * h];
        for (var y = 0; y < Height; y++)
        {
            var row = Math.Min(h - 1, (int)((y + 0.5) * h / Height));
            for (var x = 0; x < Width; x++)
            {
                var cell = row * w + Math.Min(w - 1, (int)((x + 0.5) * w / Width));
                counts[cell]++;
                for (var c = 0; c < 3; c++) sums[3 * cell + c] += Pixels[3 * (y * Width + x) + c];
            }
        }
        var pixels = new byte[w * h * 3];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Round((double)sums[i] / Math.Max(1, counts[i / 3]));
        return new RgbPicture(w, h, pixels);
    }
}
