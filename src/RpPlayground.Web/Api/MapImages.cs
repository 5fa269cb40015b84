using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Web.Api;

/// <summary>
/// A frame's map as a file: alone in colour on the model's square input (mask.png), over its picture in the picture's own
/// shape (overlay.png, longer side <see cref="ExportSide"/>), or as a captioned figure (figure.svg). Plain C#: no
/// LibTorch, so any thread may draw (<see cref="MapPictures"/> decides which and how often).
/// </summary>
public static class MapImages
{
    /// <summary>The longer side, in pixels, of an exported overlay.</summary>
    public const int ExportSide = 512;

    public static byte[] MaskPng(Frame frame, int size)
    {
        using var image = HeatMap.Render(FrameMaps.Resized(frame, size), size, size);
        return Png(image);
    }

    /// <param name="picture">The run's picture at its export size (<see cref="MapPictures.Picture"/>).</param>
    public static byte[] OverlayPng(Frame frame, Image<Rgb24> picture)
    {
        using var overlay = Overlay(frame, picture);
        return Png(overlay);
    }

    /// <param name="picture">The run's picture at its export size (<see cref="MapPictures.Picture"/>).</param>
    public static byte[] FigureSvg(Frame frame, Image<Rgb24> picture, ModelCatalog catalog, RunRequest request, IReadOnlyList<SwitchChange> schedule)
    {
        using var overlay = Overlay(frame, picture);
        var svg = Api.FigureSvg.Render(Png(overlay), overlay.Width, overlay.Height, RunCaption.Lines(request, schedule, frame, TargetLabel(frame, catalog, request)));
        return System.Text.Encoding.UTF8.GetBytes(svg);
    }

    /// <summary>A picture's export size: its own aspect ratio, the longer side <see cref="ExportSide"/>.</summary>
    public static (int Width, int Height) ExportSize(int width, int height) => width >= height
        ? (ExportSide, Math.Max(1, (int)Math.Round(ExportSide * (double)height / width)))
        : (Math.Max(1, (int)Math.Round(ExportSide * (double)width / height)), ExportSide);

    public static string ContentType(string file) => file.EndsWith(".svg", StringComparison.Ordinal) ? "image/svg+xml" : "image/png";

    // The model saw the whole picture squeezed to its square input; the map is stretched back to the picture's shape.
    static Image<Rgb24> Overlay(Frame frame, Image<Rgb24> picture) => HeatMap.Overlay(picture, FrameMaps.Resized(frame, picture.Width, picture.Height));

    // The frame names its target where the method tracks classes; one-shot methods' frames do not, so the model's labels do.
    static string TargetLabel(Frame frame, ModelCatalog catalog, RunRequest request)
    {
        if (frame.Classes.FirstOrDefault(c => c.IsTarget)?.Label is { } label) return label;
        var labels = catalog.Entries.FirstOrDefault(e => e.Spec.Id == request.ModelId) is { IsAvailable: true } entry ? entry.ReadLabels() : [];
        return request.Target < labels.Length ? labels[request.Target] : $"class {request.Target}";
    }

    static byte[] Png(Image image)
    {
        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }
}
