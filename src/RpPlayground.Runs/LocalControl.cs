using RpPlayground.Core;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Runs;

/// <summary>The control of a run this process runs: its token, and RP's live switches that the optimiser reads every iteration.</summary>
public sealed class LocalControl : IRunControl
{
    readonly string digest;
    readonly IReadOnlyList<SwitchChange> requested;

    /// <param name="switches">RP's live switches; null for a method without them.</param>
    /// <param name="requested">The schedule the run was asked to replay.</param>
    public LocalControl(RpLiveSwitches? switches, IReadOnlyList<SwitchChange> requested)
    {
        Switches = switches;
        this.requested = requested;
        Token = ControlToken.New();
        digest = ControlToken.Digest(Token);
    }

    /// <inheritdoc/>
    public string? Token { get; }

    /// <summary>The switches the optimiser reads (RP), else null.</summary>
    public RpLiveSwitches? Switches { get; }

    public bool IsControlledBy(string? candidate) => ControlToken.Matches(candidate, digest);

    public bool HasSwitches => Switches is not null;

    public RpSwitches? CurrentSwitches => Switches?.Current;

    public void ChangeSwitches(RpSwitches switches)
    {
        var live = Switches ?? throw new InvalidRequestException("This method has no switches.");
        live.Current = switches ?? throw new InvalidRequestException("No switches were sent.");
    }

    public IReadOnlyList<SwitchChange> Schedule => Switches?.Changes ?? requested;
}
