using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Core.Methods;

/// <summary>
/// One method's options for one run, each method a record of its own (<see cref="RpOptions"/>, <see cref="Baselines.MpOptions"/>,
/// <see cref="Baselines.EpOptions"/>, <see cref="Baselines.RiseOptions"/>, <see cref="Baselines.CamOptions"/>,
/// <see cref="Baselines.GradientOptions"/>), read from a run definition's JSON by its <see cref="MethodDescriptor"/>.
/// </summary>
public interface IMethodOptions
{
    /// <summary>The problems with these options for a model, as sentences; empty when valid.</summary>
    IEnumerable<string> Problems(ModelFacts model);

    /// <summary>The live switches at the start, for a method that has them (RP); else null.</summary>
    RpSwitches? Switches => null;
}
