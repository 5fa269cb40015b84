using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Core.Methods;

/// <summary>Every method's options for one run; each method reads its own part.</summary>
public sealed record MethodSettings
{
    public RpOptions Rp { get; init; } = new();

    /// <summary>RP's loss switches and weights at the start of the run.</summary>
    public RpSwitches Switches { get; init; } = new();

    public MpOptions Mp { get; init; } = new();

    public EpOptions Ep { get; init; } = EpOptions.Paper;

    public RiseOptions Rise { get; init; } = new();

    public CamOptions Cam { get; init; } = new();

    /// <summary>The authors' settings with the substrate and noise a model's declaration recommends (see <see cref="RpOptions.For"/>, <see cref="MpOptions.For"/>).</summary>
    public static MethodSettings RecommendedFor(Models.ModelSpec spec) => new() { Rp = RpOptions.For(spec), Mp = MpOptions.For(spec) };
}
