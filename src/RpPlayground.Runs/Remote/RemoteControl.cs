using RpPlayground.Core;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Runs.Remote;

/// <summary>
/// The control of a run a worker runs: switch changes are sent to it on the run's control channel, and kept here so
/// the page shows them at once. The token is known only on the node that started the run; any node checks a token
/// against the digest in the run's record. The schedule is the one the worker's optimiser used once the run has ended.
/// </summary>
public sealed class RemoteControl(string? token, string digest, RpLiveSwitches? switches, IReadOnlyList<SwitchChange> requested, Action<RunControl> send) : IRunControl
{
    IReadOnlyList<SwitchChange>? used;

    /// <inheritdoc/>
    public string? Token { get; } = token;

    /// <summary>The digest of the run's token, as its record keeps it.</summary>
    public string Digest { get; } = digest;

    public bool IsControlledBy(string? candidate) => ControlToken.Matches(candidate, Digest);

    public bool HasSwitches => switches is not null;

    public RpSwitches? CurrentSwitches => switches?.Current;

    public void ChangeSwitches(RpSwitches next)
    {
        var live = switches ?? throw new InvalidRequestException("This method has no switches.");
        live.Current = next ?? throw new InvalidRequestException("No switches were sent.");
        send(new RunControl(Stop: false, live.Current));
    }

    public IReadOnlyList<SwitchChange> Schedule => used ?? switches?.Changes ?? requested;

    /// <summary>Takes the schedule the worker's optimiser used, told when the run ended.</summary>
    internal void Ended(IReadOnlyList<SwitchChange>? schedule) => used = schedule ?? used;
}
