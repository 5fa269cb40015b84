using System.Globalization;
using System.Security;
using System.Text;
using RpPlayground.Core.Images;

namespace RpPlayground.Web.Api;

/// <summary>
/// A run's result as a figure for slides and papers: the overlay (embedded PNG, the picture's own shape), a colour bar
/// with its scale, and a caption saying what was explained, how and with which paper. SVG, so the text stays sharp at
/// any size and needs no font on the server.
/// </summary>
public static class FigureSvg
{
    const int Gap = 12, Bar = 14, Ticks = 18, Line = 20;

    public static string Render(byte[] overlayPng, int width, int height, IReadOnlyList<string> caption)
    {
        var barTop = height + Gap;
        var captionTop = barTop + Bar + Ticks + 8;
        var total = captionTop + Line * caption.Count;
        var svg = new StringBuilder();
        svg.Append(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{total}" viewBox="0 0 {width} {total}" font-family="sans-serif" font-size="13">"""));
        svg.Append("<title>").Append(Escape(caption.Count > 0 ? caption[0] : "explanation")).Append("</title>");
        svg.Append("""<defs><linearGradient id="ramp">""");
        foreach (var at in new[] { 0f, 0.25f, 0.5f, 0.75f, 1f })
        {
            var (r, g, b) = HeatMap.Colour(at);
            svg.Append(Invariant($"""<stop offset="{at:0.##}" stop-color="rgb({Math.Round(r * 255)},{Math.Round(g * 255)},{Math.Round(b * 255)})"/>"""));
        }
        svg.Append("</linearGradient></defs>");
        svg.Append(Invariant($"""<rect width="{width}" height="{total}" fill="white"/>"""));
        svg.Append(Invariant($"""<image width="{width}" height="{height}" href="data:image/png;base64,{Convert.ToBase64String(overlayPng)}"/>"""));
        svg.Append(Invariant($"""<rect y="{barTop}" width="{width}" height="{Bar}" fill="url(#ramp)"/>"""));
        var tickY = barTop + Bar + Ticks - 4;
        svg.Append(Invariant($"""<text x="0" y="{tickY}">0: no part in the class</text>"""));
        svg.Append(Invariant($"""<text x="{width}" y="{tickY}" text-anchor="end">1: most important</text>"""));
        for (var i = 0; i < caption.Count; i++)
            svg.Append(Invariant($"""<text x="0" y="{captionTop + Line * i + 14}"{(i == 0 ? " font-weight=\"bold\"" : "")}>""")).Append(Escape(caption[i])).Append("</text>");
        return svg.Append("</svg>").ToString();
    }

    static string Escape(string text) => SecurityElement.Escape(text);

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
