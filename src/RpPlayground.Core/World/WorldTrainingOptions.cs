namespace RpPlayground.Core.World;

/// <summary>How the world model is trained (the defaults made the committed weights).</summary>
public sealed record WorldTrainingOptions
{
    /// <summary>Series of training scenes and the weights' initialisation.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Passes; each sees <see cref="ScenesPerEpoch"/> new scenes.</summary>
    public int Epochs { get; init; } = 24;

    public int ScenesPerEpoch { get; init; } = 2048;

    public int BatchSize { get; init; } = 32;

    /// <summary>Adam's peak learning rate; it follows a cosine to zero over the run.</summary>
    public double LearningRate { get; init; } = 3e-3;
}
