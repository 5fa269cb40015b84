using Microsoft.AspNetCore.Components;

namespace RpPlayground.Web.Components.Playground;

/// <summary>The image with the explanation map drawn over it in colour, on a canvas painted by JavaScript from the map grid.</summary>
public partial class MaskCanvas : JsModuleComponent
{
    ElementReference canvas;
    string? shownImage;

    /// <inheritdoc/>
    protected override string ModulePath => "./Components/Playground/MaskCanvas.razor.js";

    /// <summary>Address of the image under the map.</summary>
    [Parameter, EditorRequired]
    public string ImageUrl { get; set; } = "";

    /// <summary>Side of the canvas in CSS pixels.</summary>
    [Parameter]
    public int Size { get; set; } = 384;

    /// <summary>Text for screen readers: what the picture shows.</summary>
    [Parameter]
    public string Description { get; set; } = "The image with the explanation drawn over it";

    /// <summary>Paints with the high-contrast colour map (black, blue, yellow, white) instead of the inferno-like one.</summary>
    [Parameter]
    public bool HighContrast { get; set; }

    /// <summary>
    /// Paints the map (row-major, values 0 to 255) over the image with the given opacity. With <paramref name="producedAt"/>
    /// (Unix milliseconds), the canvas raises an <c>rp-frame-painted</c> event with it once the frame is on screen (the latency benchmark listens).
    /// </summary>
    public async Task DrawAsync(byte[] map, int width, int height, double opacity, double? producedAt = null)
    {
        await InvokeModuleAsync("draw", canvas, ImageUrl, map, width, height, opacity, HighContrast ? "contrast" : "inferno", producedAt);
    }

    /// <summary>Shows a newly chosen image at once, without a map.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (ImageUrl == shownImage) return;
        shownImage = ImageUrl;
        await ClearAsync();
    }

    /// <summary>Shows the image alone.</summary>
    public async Task ClearAsync()
    {
        await InvokeModuleAsync("draw", canvas, ImageUrl, null, 0, 0, 0, "inferno");
    }
}
