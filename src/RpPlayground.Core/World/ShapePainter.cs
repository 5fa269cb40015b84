namespace RpPlayground.Core.World;

/// <summary>
/// The look of each class in the object's own coordinates: (u, v) in about [-1, 1], v pointing down. Returns whether
/// the point belongs to the object and, if so, its colour. Hard edges, so a pixel either is the object's or is not.
/// </summary>
public static class ShapePainter
{
    /// <summary>Whether the class may be turned freely (a sun or a ball) or stays roughly upright (a tree or a house).</summary>
    public static bool IsRotationFree(int classIndex) => classIndex is WorldClasses.Sun or WorldClasses.Flower or WorldClasses.Ball;

    public static bool TryPaint(int classIndex, float u, float v, out (float R, float G, float B) colour)
    {
        colour = classIndex switch
        {
            WorldClasses.Sun => Sun(u, v),
            WorldClasses.Cloud => Cloud(u, v),
            WorldClasses.Boat => Boat(u, v),
            WorldClasses.Fish => Fish(u, v),
            WorldClasses.Tree => Tree(u, v),
            WorldClasses.Flower => Flower(u, v),
            WorldClasses.House => House(u, v),
            WorldClasses.Ball => Ball(u, v),
            _ => throw new ArgumentOutOfRangeException(nameof(classIndex)),
        };
        return colour.R >= 0;
    }

    static readonly (float, float, float) None = (-1, -1, -1);

    static bool InCircle(float u, float v, float cu, float cv, float r) => (u - cu) * (u - cu) + (v - cv) * (v - cv) < r * r;

    static (float, float, float) Sun(float u, float v)
    {
        var r = MathF.Sqrt(u * u + v * v);
        if (r < 0.55f) return (1f, 0.84f, 0.12f);
        var angle = MathF.Atan2(v, u);
        return r < 1f && MathF.Cos(8 * angle) > 0.55f + 0.4f * (r - 0.55f) ? (1f, 0.65f, 0f) : None;
    }

    static (float, float, float) Cloud(float u, float v)
    {
        var inside = InCircle(u, v, -0.5f, 0.1f, 0.42f) || InCircle(u, v, 0f, -0.15f, 0.55f) || InCircle(u, v, 0.5f, 0.1f, 0.42f)
            || (v > 0.05f && v < 0.5f && MathF.Abs(u) < 0.55f);
        if (!inside) return None;
        var shade = v > 0.3f ? 0.86f : 0.97f;
        return (shade, shade, Math.Min(1f, shade + 0.02f));
    }

    static (float, float, float) Boat(float u, float v)
    {
        if (v > 0.25f && v < 0.6f && MathF.Abs(u) < 0.95f - (v - 0.25f) * 1.1f) return (0.55f, 0.27f, 0.07f);
        if (MathF.Abs(u + 0.05f) < 0.05f && v > -0.95f && v <= 0.25f) return (0.25f, 0.15f, 0.1f);
        if (u > 0.02f && v > -0.9f && v < 0.18f && u < 0.02f + (v + 0.9f) * 0.65f) return (0.98f, 0.98f, 0.95f);
        return None;
    }

    static (float, float, float) Fish(float u, float v)
    {
        if (InCircle(u, v, -0.42f, -0.1f, 0.08f)) return (0.05f, 0.05f, 0.05f);
        var body = (u / 0.72f) * (u / 0.72f) + (v / 0.42f) * (v / 0.42f) < 1;
        var tail = u > 0.55f && u < 1f && MathF.Abs(v) < (u - 0.55f) * 1.1f;
        if (!body && !tail) return None;
        return body && MathF.Abs(u + 0.1f) < 0.09f || body && MathF.Abs(u - 0.3f) < 0.08f ? (0.97f, 0.97f, 0.97f) : (1f, 0.45f, 0.05f);
    }

    static (float, float, float) Tree(float u, float v)
    {
        if (InCircle(u, v, 0f, -0.3f, 0.62f))
        {
            var leaf = MathF.Sin(u * 19) * MathF.Sin(v * 17) > 0.4f;
            return leaf ? (0.12f, 0.45f, 0.2f) : (0.18f, 0.55f, 0.34f);
        }
        return MathF.Abs(u) < 0.14f && v > 0.2f && v < 1f ? (0.42f, 0.26f, 0.15f) : None;
    }

    static (float, float, float) Flower(float u, float v)
    {
        if (InCircle(u, v, 0, 0, 0.3f)) return (1f, 0.85f, 0.1f);
        for (var k = 0; k < 5; k++)
        {
            var a = k * 2 * MathF.PI / 5;
            if (InCircle(u, v, 0.58f * MathF.Cos(a), 0.58f * MathF.Sin(a), 0.36f)) return (0.93f, 0.35f, 0.68f);
        }
        return None;
    }

    static (float, float, float) House(float u, float v)
    {
        if (v > -0.85f && v <= -0.1f && MathF.Abs(u) < 0.8f * (v + 0.85f) / 0.75f) return (0.7f, 0.13f, 0.13f);
        if (v > -0.1f && v < 0.85f && MathF.Abs(u) < 0.62f)
        {
            if (MathF.Abs(u) < 0.13f && v > 0.4f) return (0.4f, 0.25f, 0.12f);
            if (MathF.Abs(MathF.Abs(u) - 0.36f) < 0.12f && v > 0.08f && v < 0.3f) return (0.55f, 0.75f, 0.9f);
            return (0.96f, 0.87f, 0.7f);
        }
        return None;
    }

    static (float, float, float) Ball(float u, float v)
    {
        var r = MathF.Sqrt(u * u + v * v);
        if (r >= 0.9f) return None;
        var band = MathF.Abs(MathF.Sin(3 * MathF.Atan2(v, u) + 2.2f * r));
        return band < 0.22f ? (0.97f, 0.97f, 0.97f) : (1f, 0.45f, 0.05f);
    }
}
