using RpPlayground.Core.Substrates;

namespace RpPlayground.Core.Metrics.Deletion;

/// <summary>
/// The deletion or insertion game's settings (Petsiuk et al., BMVC 2018). Defaults follow the RP authors' code:
/// deletion removes 300 pixels a step onto zeros; insertion adds 100 pixels a step onto a blur.
/// </summary>
public sealed record DeletionOptions
{
    /// <summary>Insert the most important pixels into the substrate, instead of deleting them from the image.</summary>
    public bool Insertion { get; init; }

    public int PixelsPerStep { get; init; } = 300;

    public SubstrateOptions Substrate { get; init; } = new() { Kind = SubstrateKind.Constant, Value = 0 };

    /// <summary>Images scored per forward pass.</summary>
    public int Batch { get; init; } = 32;

    /// <summary>The RP authors' deletion setting.</summary>
    public static DeletionOptions Deletion { get; } = new();

    /// <summary>The RP authors' insertion setting.</summary>
    public static DeletionOptions InsertionGame { get; } = new() { Insertion = true, PixelsPerStep = 100, Substrate = new SubstrateOptions { Kind = SubstrateKind.Gaussian, Sigma = 5 } };
}
