using Microsoft.AspNetCore.Components;

namespace RpPlayground.Web.Components.Evaluation;

/// <summary>The image as the deletion or insertion game leaves it after a step, painted in the browser from each pixel's step.</summary>
public partial class StepImage : JsModuleComponent
{
    ElementReference canvas;

    /// <inheritdoc/>
    protected override string ModulePath => "./Components/Evaluation/StepImage.razor.js";

    /// <summary>Side of the canvas in CSS pixels.</summary>
    [Parameter]
    public int Size { get; set; } = 256;

    /// <summary>Text for screen readers.</summary>
    [Parameter]
    public string Description { get; set; } = "The image after the chosen step of the game";

    /// <summary>Paints the image after <paramref name="step"/> for pixels that change at <paramref name="steps"/> (model grid of <paramref name="gridSize"/>²).</summary>
    public async Task DrawAsync(string imageUrl, int[] steps, int gridSize, int step, bool insertion, double blurSigma)
    {
        await InvokeModuleAsync("draw", canvas, imageUrl, steps, gridSize, step, insertion, blurSigma);
    }
}
