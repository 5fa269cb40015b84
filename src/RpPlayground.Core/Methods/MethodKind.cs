namespace RpPlayground.Core.Methods;

/// <summary>How a method finds its map, which says how its progress reads and what its steps are.</summary>
public enum MethodKind
{
    /// <summary>Optimises a mask, one frame per iteration (RP, MP, EP).</summary>
    MaskOptimising,

    /// <summary>Averages over random masks, one frame per batch (RISE).</summary>
    Sampling,

    /// <summary>One pass, one frame (Grad-CAM, gradients).</summary>
    OneShot,
}
