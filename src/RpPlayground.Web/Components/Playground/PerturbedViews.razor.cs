using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Methods;

namespace RpPlayground.Web.Components.Playground;

/// <summary>
/// x, and the perturbed pictures the method made of its mask (x_pt, and x_rpt for RP), side by side: which ones show
/// and what their captions say follow the method's descriptor (<see cref="MethodDescriptor.Pictures"/>,
/// <see cref="MethodDescriptor.Map"/>); the pictures themselves come from the frames (<see cref="FramePictures"/>), never
/// remade here.
/// </summary>
public partial class PerturbedViews : JsModuleComponent
{
    ElementReference original, perturbed, reversed;

    /// <inheritdoc/>
    protected override string ModulePath => "./Components/Playground/PerturbedViews.razor.js";

    /// <summary>Side of each picture in CSS pixels.</summary>
    [Parameter]
    public int Size { get; set; } = 160;

    /// <summary>The method whose pictures these are.</summary>
    [Parameter, EditorRequired]
    public MethodDescriptor Method { get; set; } = default!;

    /// <summary>All the method's pictures, or x_pt alone (the presenter view).</summary>
    [Parameter]
    public PictureSet Shown { get; set; }

    bool ShowsOriginal => Shown != PictureSet.PerturbedOnly;

    string GroupLabel => Method.Pictures switch
    {
        PerturbedPictures.None => "The image x",
        PerturbedPictures.Perturbed => "The image x and the perturbed x_pt",
        _ => "The image x, the perturbed x_pt and the reversed-perturbed x_rpt",
    };

    string PerturbedCaption => Method.Map == MapMeaning.Kept ? "x_pt (target should stay)" : "x_pt (target should drop)";

    string PerturbedLabel => Method.Map == MapMeaning.Kept
        ? "x_pt: the image where the mask keeps it, blurred where it does not"
        : "x_pt: the image where the mask keeps it, the substrate where it removes";

    /// <summary>Paints x from <paramref name="imageUrl"/> and the method's <paramref name="pictures"/> (none: the perturbed canvases are cleared).</summary>
    public Task DrawAsync(string imageUrl, FramePictures? pictures) =>
        InvokeModuleAsync("draw", original, perturbed, reversed, imageUrl, pictures is null ? null : new
        {
            perturbed = Picture(pictures.Perturbed),
            reversed = pictures.Reversed is { } r ? Picture(r) : null,
        });

    static object Picture(Core.Images.RgbPicture picture) => new { width = picture.Width, height = picture.Height, pixels = picture.Pixels };
}

/// <summary>Which of the method's pictures <see cref="PerturbedViews"/> shows.</summary>
public enum PictureSet
{
    /// <summary>x and every picture the method makes.</summary>
    All,

    /// <summary>x_pt alone (the presenter view).</summary>
    PerturbedOnly,
}
