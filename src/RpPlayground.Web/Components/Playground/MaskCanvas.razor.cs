using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace RpPlayground.Web.Components.Playground;

/// <summary>The image with the explanation map drawn over it in colour, on a canvas painted by JavaScript from the map grid.</summary>
public partial class MaskCanvas : IAsyncDisposable
{
    ElementReference canvas;
    IJSObjectReference? module;
    string? shownImage;

    [Inject]
    IJSRuntime JS { get; set; } = default!;

    /// <summary>Address of the image under the map.</summary>
    [Parameter, EditorRequired]
    public string ImageUrl { get; set; } = "";

    /// <summary>Side of the canvas in CSS pixels.</summary>
    [Parameter]
    public int Size { get; set; } = 384;

    /// <summary>Text for screen readers: what the picture shows.</summary>
    [Parameter]
    public string Description { get; set; } = "The image with the explanation drawn over it";

    /// <summary>Paints the map (row-major, values 0 to 255) over the image with the given opacity.</summary>
    public async Task DrawAsync(byte[] map, int width, int height, double opacity)
    {
        module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Playground/MaskCanvas.razor.js");
        await module.InvokeVoidAsync("draw", canvas, ImageUrl, map, width, height, opacity);
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
        module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Playground/MaskCanvas.razor.js");
        await module.InvokeVoidAsync("draw", canvas, ImageUrl, null, 0, 0, 0);
    }

    public async ValueTask DisposeAsync()
    {
        if (module is null) return;
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // the tab is gone; nothing to release in it
        }
    }
}
