using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Substrates;

namespace RpPlayground.Web.Components.Playground;

/// <summary>x, x_pt and x_rpt side by side, composed in the browser from the image, the map grid and the substrate.</summary>
public partial class PerturbedViews : JsModuleComponent
{
    ElementReference original, perturbed, reversed;

    /// <inheritdoc/>
    protected override string ModulePath => "./Components/Playground/PerturbedViews.razor.js";

    /// <summary>Side of each picture in CSS pixels.</summary>
    [Parameter]
    public int Size { get; set; } = 160;

    /// <summary>Which pictures show: x alone for a one-shot method (Grad-CAM, Gradient perturb nothing), x_pt alone in the presenter view.</summary>
    [Parameter]
    public PictureSet Shown { get; set; }

    /// <summary>Paints the three pictures for a map (row-major, 0 to 255, the explanation 1 − m); a null map shows x alone.</summary>
    public async Task DrawAsync(string imageUrl, byte[]? map, int width, int height, SubstrateOptions substrate, int inputSize)
    {
        var sigma = substrate.Kind == SubstrateKind.Gaussian ? substrate.Sigma : 5;  // blur mix and noise are shown as a blur
        await InvokeModuleAsync("draw", original, perturbed, reversed, imageUrl, map, width, height,
            new { kind = substrate.Kind.ToString(), sigma, value = substrate.Value, inputSize });
    }
}

/// <summary>Which of x, x_pt and x_rpt <see cref="PerturbedViews"/> shows.</summary>
public enum PictureSet
{
    All,
    OriginalOnly,
    PerturbedOnly,
}
