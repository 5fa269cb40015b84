using RpPlayground.Core.Images;
using RpPlayground.Core.Metrics.Sanity;
using SixLabors.ImageSharp;

namespace RpPlayground.Web.Components.Evaluation;

/// <summary>A map as a PNG data URL in the heat-map colours, scaled to [0, 1] first (for grids of small pictures).</summary>
public static class MapThumbnail
{
    public static string DataUrl(float[] map, int size)
    {
        using var image = HeatMap.Render(MapSimilarity.Scaled(map), size, size);
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return "data:image/png;base64," + Convert.ToBase64String(stream.ToArray());
    }
}
