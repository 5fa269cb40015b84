using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Core.Images;

/// <summary>Renders explanation maps in [0, 1] as colour, alone or over the image.</summary>
public static class HeatMap
{
    // A perceptually ordered ramp from black through purple and orange to pale yellow (anchors of an "inferno"-like map).
    static readonly (float At, float R, float G, float B)[] Ramp =
    [
        (0f, 0f, 0f, 0.02f), (0.25f, 0.34f, 0.06f, 0.43f), (0.5f, 0.73f, 0.21f, 0.33f), (0.75f, 0.98f, 0.55f, 0.04f), (1f, 0.99f, 1f, 0.64f),
    ];

    /// <summary>The colour of <paramref name="value"/> (clamped to [0, 1]).</summary>
    public static (float R, float G, float B) Colour(float value)
    {
        value = Math.Clamp(value, 0f, 1f);
        for (var k = 1; k < Ramp.Length; k++)
        {
            if (value > Ramp[k].At) continue;
            var t = (value - Ramp[k - 1].At) / (Ramp[k].At - Ramp[k - 1].At);
            return (Lerp(Ramp[k - 1].R, Ramp[k].R, t), Lerp(Ramp[k - 1].G, Ramp[k].G, t), Lerp(Ramp[k - 1].B, Ramp[k].B, t));
        }
        return (Ramp[^1].R, Ramp[^1].G, Ramp[^1].B);
    }

    /// <summary>The map (row-major, <paramref name="width"/> x <paramref name="height"/>) in colour.</summary>
    public static Image<Rgb24> Render(float[] map, int width, int height)
    {
        var image = new Image<Rgb24>(width, height);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = ToPixel(Colour(map[y * width + x]));
        return image;
    }

    /// <summary>The map blended over <paramref name="image"/> (same size) with the given opacity.</summary>
    public static Image<Rgb24> Overlay(Image<Rgb24> image, float[] map, float opacity = 0.55f)
    {
        var result = image.Clone();
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var (r, g, b) = Colour(map[y * image.Width + x]);
                var p = image[x, y];
                result[x, y] = ToPixel((Lerp(p.R / 255f, r, opacity), Lerp(p.G / 255f, g, opacity), Lerp(p.B / 255f, b, opacity)));
            }
        }
        return result;
    }

    static float Lerp(float a, float b, float t) => a + (b - a) * t;

    static Rgb24 ToPixel((float R, float G, float B) c) => new((byte)MathF.Round(c.R * 255), (byte)MathF.Round(c.G * 255), (byte)MathF.Round(c.B * 255));
}
