using System.Text.Json.Serialization;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Runs;

/// <summary>
/// A run's whole definition, settled and checked: which model, which image (a sample or an upload, by id), which class
/// (by index), which method with all its options, which seed, and (for RP) the switch changes to apply at later
/// iterations, so that a shared run replays what happened. As JSON (<see cref="RunRequestJson"/>) it is a
/// <see cref="RunDefinition"/> with every option given: what a shared run stores and what <c>POST /api/runs</c> takes back.
/// </summary>
[JsonConverter(typeof(RunRequestJson))]
public sealed record RunRequest(string ModelId, string SampleId, int Target, string Method, IMethodOptions Options, int Seed)
{
    /// <summary>RP's switch changes by iteration, replayed by the run (the initial switches are <c>Options.Switches</c>).</summary>
    public IReadOnlyList<SwitchChange> Schedule { get; init; } = [];

    /// <summary>The switches the run starts with (RP), else null.</summary>
    public RpSwitches? Switches => Options.Switches;
}
