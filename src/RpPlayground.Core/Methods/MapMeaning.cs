namespace RpPlayground.Core.Methods;

/// <summary>What a method's map marks, which says how to read it and which perturbed pictures go with it.</summary>
public enum MapMeaning
{
    /// <summary>1 − m: what the mask removes to change the target (RP, MP); x_pt keeps m of the image.</summary>
    Removed,

    /// <summary>m: what the mask keeps to preserve the target (EP's preserve variant); x_pt is that part, the rest blurred.</summary>
    Kept,

    /// <summary>A score per pixel, with no perturbed image of its own (RISE's average over random masks, Grad-CAM, gradients).</summary>
    Saliency,
}
