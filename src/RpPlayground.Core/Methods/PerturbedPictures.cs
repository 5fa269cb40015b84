namespace RpPlayground.Core.Methods;

/// <summary>Which perturbed images a method makes of its mask, and so which pictures its frames carry (<see cref="FramePictures"/>).</summary>
public enum PerturbedPictures
{
    /// <summary>None: the method perturbs no image with a mask of its own (RISE, Grad-CAM, gradients).</summary>
    None,

    /// <summary>x_pt (MP, EP).</summary>
    Perturbed,

    /// <summary>x_pt and the reversed x_rpt (RP).</summary>
    PerturbedAndReversed,
}
