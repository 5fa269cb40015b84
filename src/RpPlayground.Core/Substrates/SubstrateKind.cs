namespace RpPlayground.Core.Substrates;

/// <summary>What replaces the image where a mask removes it.</summary>
public enum SubstrateKind
{
    /// <summary>The mean of a Gaussian blur (11x11, sigma 5) and a median blur (11x11): the RP authors' choice.</summary>
    BlurMix,

    /// <summary>A Gaussian blur with a chosen sigma (kernel about 4 sigma wide).</summary>
    Gaussian,

    /// <summary>One grey level everywhere.</summary>
    Constant,

    /// <summary>Uniform random noise in [0, 1], from the run's seed.</summary>
    Noise,
}
