using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Runs;

/// <summary>
/// A run's whole definition: which model, which image (a sample id), which class, which method with which settings,
/// which seed, and (for RP) the switch changes to apply at later iterations, so that a shared run replays what happened.
/// </summary>
public sealed record RunRequest(string ModelId, string SampleId, int Target, string Method, MethodSettings Settings, int Seed)
{
    /// <summary>RP's switch changes by iteration, replayed by the run (the initial switches are <c>Settings.Switches</c>).</summary>
    public IReadOnlyList<SwitchChange> Schedule { get; init; } = [];
}
