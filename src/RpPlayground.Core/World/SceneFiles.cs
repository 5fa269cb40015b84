using System.Text.Json;
using RpPlayground.Core.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace RpPlayground.Core.World;

/// <summary>Scenes as files: the picture (PNG), its objects (JSON), and an object map (PNG, value k+1 where object k shows).</summary>
public static class SceneFiles
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The scene's pixels as an image.</summary>
    public static Image<Rgb24> ToImage(Scene scene)
    {
        using var pixels = tensor(scene.Pixels, new long[] { 3, scene.Size, scene.Size });
        return ImageTensors.ToImage(pixels);
    }

    /// <summary>Scenes side by side in a grid with a 2-pixel white gap, for looking at many at once.</summary>
    public static Image<Rgb24> ContactSheet(IReadOnlyList<Scene> scenes, int columns)
    {
        var size = scenes[0].Size;
        var rows = (scenes.Count + columns - 1) / columns;
        var sheet = new Image<Rgb24>(columns * (size + 2), rows * (size + 2), new Rgb24(255, 255, 255));
        for (var k = 0; k < scenes.Count; k++)
        {
            using var image = ToImage(scenes[k]);
            int left = k % columns * (size + 2), top = k / columns * (size + 2);
            for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                    sheet[left + x, top + y] = image[x, y];
        }
        return sheet;
    }

    /// <summary>Writes <c>NAME.png</c>, <c>NAME.json</c> and <c>NAME-objects.png</c> into <paramref name="folder"/>.</summary>
    public static void Write(Scene scene, string folder, string name, int seed, int index, string? note = null)
    {
        Directory.CreateDirectory(folder);
        using (var image = ToImage(scene)) image.SaveAsPng(Path.Combine(folder, $"{name}.png"));
        using (var map = new Image<L8>(scene.Size, scene.Size))
        {
            for (var k = 0; k < scene.Objects.Count; k++)
                for (var i = 0; i < scene.Size * scene.Size; i++)
                    if (scene.Objects[k].Mask[i]) map[i % scene.Size, i / scene.Size] = new L8((byte)(k + 1));
            map.SaveAsPng(Path.Combine(folder, $"{name}-objects.png"));
        }
        var description = new
        {
            seed, index, size = scene.Size, background = WorldClasses.Backgrounds[scene.Background], note,
            objectMap = $"{name}-objects.png (pixel value k+1 where object k is visible, 0 elsewhere)",
            objects = scene.Objects.Select((o, k) => new { id = k + 1, label = o.Label, classIndex = o.ClassIndex, centerX = o.CenterX, centerY = o.CenterY, scale = o.Scale, rotation = o.Rotation, visiblePixels = o.VisiblePixels }),
        };
        File.WriteAllText(Path.Combine(folder, $"{name}.json"), JsonSerializer.Serialize(description, Json));
    }
}
