namespace RpPlayground.Core.Methods;

/// <summary>
/// One step of an explanation as it is found: the map so far, the loss terms, the tracked classes and the class
/// distortion scores. Perturbation methods yield one per iteration; RISE one per batch of masks; one-shot methods one.
/// </summary>
public sealed record Frame
{
    /// <summary>1-based step; equals <see cref="Iterations"/> on the last frame.</summary>
    public required int Iteration { get; init; }

    /// <summary>How many steps the run has.</summary>
    public required int Iterations { get; init; }

    /// <summary>The explanation at mask resolution, row-major, in [0, 1]; 1 marks what the method says matters (for masks: 1 - m).</summary>
    public required float[] Map { get; init; }

    public required int MapWidth { get; init; }

    public required int MapHeight { get; init; }

    /// <summary>Each loss term's weighted value (term name to value) and "total"; empty for methods without a loss.</summary>
    public IReadOnlyDictionary<string, double> Loss { get; init; } = new Dictionary<string, double>();

    /// <summary>The target first, then the tracked non-targets.</summary>
    public IReadOnlyList<ClassTrack> Classes { get; init; } = [];

    /// <summary>Class distortion scores; null for methods that perturb nothing.</summary>
    public DistortionScores? Distortion { get; init; }

    /// <summary>Whether the probabilities were measured without the optimisation's input noise (true on final frames).</summary>
    public bool Clean { get; init; }

    /// <summary>The perturbed images the method made of this frame's mask (<see cref="FramePictures"/>), on the frames that carry them; else null.</summary>
    public FramePictures? Pictures { get; init; }

    /// <summary>A sentence on a choice the method made for the user (for example the layer Grad-CAM picked), or null.</summary>
    public string? Note { get; init; }

    /// <summary>Milliseconds since the run started.</summary>
    public required double ElapsedMs { get; init; }
}
