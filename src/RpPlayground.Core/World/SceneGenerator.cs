namespace RpPlayground.Core.World;

/// <summary>
/// Renders scenes of the synthetic world, deterministically: scene <c>i</c> of seed <c>s</c> is the same picture,
/// with the same objects and masks, on every machine. Objects are drawn in order; a later object hides what it covers,
/// and each object's mask keeps only its visible pixels.
/// </summary>
public sealed class SceneGenerator(int size = 128)
{
    const int MaxObjects = 4;
    const double MinimumVisible = 0.4;

    /// <summary>Side of the square scenes, in pixels.</summary>
    public int Size => size;

    /// <summary>Scene <paramref name="index"/> of the series <paramref name="seed"/>.</summary>
    public Scene Generate(int seed, int index) => Generate(new Random(Mix(seed, index)), solidObject: null, noise: true);

    /// <summary>
    /// The same scene without pixel noise; object <paramref name="flaggedObject"/>, if any, is painted in one flag
    /// colour (pure magenta), so a test can see exactly which pixels that object drew.
    /// </summary>
    public Scene GenerateClean(int seed, int index, int? flaggedObject = null) => Generate(new Random(Mix(seed, index)), flaggedObject, noise: false);

    /// <summary>The flag colour of <see cref="GenerateClean"/>.</summary>
    public static readonly (float R, float G, float B) Flag = (1f, 0f, 1f);

    Scene Generate(Random random, int? solidObject, bool noise)
    {
        var plane = size * size;
        var pixels = new float[3 * plane];
        var background = random.Next(WorldClasses.Backgrounds.Count);
        var brightness = 0.9f + 0.2f * (float)random.NextDouble();
        PaintBackground(pixels, background, brightness, random);

        var classes = ChooseClasses(background, random);
        var owner = new int[plane];
        Array.Fill(owner, -1);
        var placed = new List<(int Class, float X, float Y, float Scale, float Rotation)>();
        foreach (var classIndex in classes)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var scale = size * (0.11f + 0.11f * (float)random.NextDouble());
                var x = scale + (size - 2 * scale) * (float)random.NextDouble();
                var y = scale + (size - 2 * scale) * (float)random.NextDouble();
                var rotation = ShapePainter.IsRotationFree(classIndex) ? (float)(random.NextDouble() * 2 * Math.PI) : (float)((random.NextDouble() - 0.5) * 0.5);
                var tint = (1 + 0.16f * ((float)random.NextDouble() - 0.5f), 1 + 0.16f * ((float)random.NextDouble() - 0.5f), 1 + 0.16f * ((float)random.NextDouble() - 0.5f));
                var candidate = (classIndex, x, y, scale, rotation);
                if (!KeepsOthersVisible(owner, placed, candidate)) continue;
                Paint(pixels, owner, placed.Count, candidate, tint, brightness, solidObject == placed.Count);
                placed.Add(candidate);
                break;
            }
        }

        if (noise)
        {
            for (var i = 0; i < pixels.Length; i++)
                pixels[i] = Math.Clamp(pixels[i] + 0.02f * Gaussian(random), 0f, 1f);
        }
        var objects = placed.Select((p, k) => new SceneObject(p.Class, p.X, p.Y, p.Scale, p.Rotation, owner.Select(o => o == k).ToArray())).ToArray();
        return new Scene(size, pixels, background, objects);
    }

    static List<int> ChooseClasses(int background, Random random)
    {
        var roll = random.NextDouble();
        var count = roll < 0.25 ? 1 : roll < 0.6 ? 2 : roll < 0.85 ? 3 : 4;
        var weights = WorldClasses.ClassWeightsByBackground[background];
        var classes = new List<int>();
        for (var k = 0; k < count; k++) classes.Add(Pick(weights, random));
        foreach (var (cls, companion, probability) in WorldClasses.Companions)
        {
            if (classes.Count < MaxObjects && classes.Contains(cls) && !classes.Contains(companion) && random.NextDouble() < probability)
                classes.Add(companion);
        }
        return classes;
    }

    static int Pick(float[] weights, Random random)
    {
        var target = random.NextDouble() * weights.Sum();
        for (var k = 0; k < weights.Length; k++)
        {
            target -= weights[k];
            if (target < 0) return k;
        }
        return weights.Length - 1;
    }

    // A new object may not hide more than (1 - MinimumVisible) of any earlier object, nor be mostly off its own area.
    bool KeepsOthersVisible(int[] owner, List<(int Class, float X, float Y, float Scale, float Rotation)> placed, (int Class, float X, float Y, float Scale, float Rotation) candidate)
    {
        var covered = new int[placed.Count];
        var visible = new int[placed.Count];
        for (var i = 0; i < owner.Length; i++) if (owner[i] >= 0) visible[owner[i]]++;
        ForEachPixel(candidate, (at, _) =>
        {
            if (owner[at] >= 0) covered[owner[at]]++;
        });
        for (var k = 0; k < placed.Count; k++)
            if (visible[k] - covered[k] < MinimumVisible * Area(placed[k])) return false;
        return true;
    }

    float Area((int Class, float X, float Y, float Scale, float Rotation) o)
    {
        var area = 0;
        ForEachPixel(o, (_, _) => area++);
        return area;
    }

    void Paint(float[] pixels, int[] owner, int id, (int Class, float X, float Y, float Scale, float Rotation) o,
        (float, float, float) tint, float brightness, bool flagged)
    {
        var plane = size * size;
        ForEachPixel(o, (at, colour) =>
        {
            var (r, g, b) = flagged ? Flag : (Math.Min(1f, colour.R * tint.Item1 * brightness), Math.Min(1f, colour.G * tint.Item2 * brightness), Math.Min(1f, colour.B * tint.Item3 * brightness));
            pixels[at] = r;
            pixels[plane + at] = g;
            pixels[2 * plane + at] = b;
            owner[at] = id;
        });
    }

    void ForEachPixel((int Class, float X, float Y, float Scale, float Rotation) o, Action<int, (float R, float G, float B)> visit)
    {
        var reach = o.Scale * 1.42f;
        int x0 = Math.Max(0, (int)(o.X - reach)), x1 = Math.Min(size - 1, (int)(o.X + reach) + 1);
        int y0 = Math.Max(0, (int)(o.Y - reach)), y1 = Math.Min(size - 1, (int)(o.Y + reach) + 1);
        float cos = MathF.Cos(o.Rotation), sin = MathF.Sin(o.Rotation);
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                float dx = x + 0.5f - o.X, dy = y + 0.5f - o.Y;
                var u = (dx * cos + dy * sin) / o.Scale;
                var v = (-dx * sin + dy * cos) / o.Scale;
                if (ShapePainter.TryPaint(o.Class, u, v, out var colour)) visit(y * size + x, colour);
            }
        }
    }

    void PaintBackground(float[] pixels, int background, float brightness, Random random)
    {
        var plane = size * size;
        var phase = (float)(random.NextDouble() * 10);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var t = y / (float)size;
                var grain = Hash(x, y, phase) - 0.5f;
                var (r, g, b) = background switch
                {
                    WorldClasses.Sky => (0.53f + 0.35f * t, 0.78f + 0.18f * t, 0.92f + 0.08f * t),
                    WorldClasses.Water => Wave(x, y, phase),
                    WorldClasses.Grass => (0.3f + 0.1f * grain, 0.62f + 0.16f * grain + 0.05f * MathF.Sin(x * 1.3f + phase), 0.25f + 0.08f * grain),
                    _ => (0.9f + 0.08f * grain, 0.82f + 0.08f * grain, 0.62f + 0.08f * grain),
                };
                var at = y * size + x;
                pixels[at] = Math.Clamp(r * brightness, 0f, 1f);
                pixels[plane + at] = Math.Clamp(g * brightness, 0f, 1f);
                pixels[2 * plane + at] = Math.Clamp(b * brightness, 0f, 1f);
            }
        }
    }

    static (float, float, float) Wave(int x, int y, float phase)
    {
        var w = 0.06f * MathF.Sin(x * 0.25f + 3 * MathF.Sin(y * 0.12f + phase));
        return (0.1f + w, 0.38f + w, 0.57f + w);
    }

    static float Hash(int x, int y, float phase)
    {
        var h = MathF.Sin(x * 12.9898f + y * 78.233f + phase) * 43758.547f;
        return h - MathF.Floor(h);
    }

    static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    /// <summary>A seed for scene <paramref name="index"/> of series <paramref name="seed"/> (SplitMix64's mixer).</summary>
    static int Mix(int seed, int index)
    {
        var z = (ulong)(uint)seed << 32 | (uint)index;
        z += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
