using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Runs;

/// <summary>
/// Who may control a run and how its switches change: <see cref="LocalControl"/> for a run this process runs, or
/// <see cref="Remote.RemoteControl"/> for one a worker runs (changes go out on the run's control channel). Stopping a
/// run is its <see cref="Scheduling.QueuedJob.Cancel"/> either way.
/// </summary>
public interface IRunControl
{
    /// <summary>The secret that controls the run, known only where it was started; null where it is only watched.</summary>
    string? Token { get; }

    /// <summary>Whether <paramref name="token"/> is the run's control token (compared by digest, in constant time).</summary>
    bool IsControlledBy(string? token);

    /// <summary>Whether the run has switches that change while it runs (RP's).</summary>
    bool HasSwitches { get; }

    /// <summary>The switches now (RP's, as last changed), or null for a method without them.</summary>
    RpSwitches? CurrentSwitches { get; }

    /// <summary>Changes the switches from the next iteration; throws <see cref="Core.InvalidRequestException"/> for a run without them.</summary>
    void ChangeSwitches(RpSwitches switches);

    /// <summary>The switch changes so far with the iteration each took effect (what a replay of the run applies).</summary>
    IReadOnlyList<SwitchChange> Schedule { get; }
}
