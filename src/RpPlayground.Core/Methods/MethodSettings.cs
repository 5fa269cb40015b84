using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Substrates;

namespace RpPlayground.Core.Methods;

/// <summary>Everything that configures the methods of one run; each method reads its part.</summary>
public sealed record MethodSettings
{
    public RpOptions Rp { get; init; } = new();

    public RpSwitches Switches { get; init; } = new();

    /// <summary>Overrides a baseline's step count (MP, EP iterations; RISE masks); null keeps each method's reference setting.</summary>
    public int? Iterations { get; init; }

    /// <summary>The substrate the perturbation baselines use where their papers leave it open.</summary>
    public SubstrateOptions Substrate { get; init; } = new();

    /// <summary>The authors' settings with the model's recommended substrate and noise (see <see cref="RpOptions.For"/>), for RP and the baselines alike.</summary>
    public static MethodSettings RecommendedFor(Models.ModelSpec spec)
    {
        var rp = RpOptions.For(spec);
        return new MethodSettings { Rp = rp, Substrate = rp.Substrate };
    }
}
