using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using RpPlayground.Core;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;

namespace RpPlayground.Web.Runs;

/// <summary>
/// <c>/hubs/runs</c> for clients other than the pages (scripts, notebooks). <c>Frames(runId)</c> streams a run's frames
/// to anyone with its id: <c>connection.StreamAsync&lt;FrameMessage&gt;("Frames", runId)</c>; a slow client gets the newest
/// frame, never a backlog. <c>SetSwitches(runId, controlToken, switches)</c> changes an RP run's switches from its next
/// iteration, for the holder of the run's control token only (returned once by <c>POST /api/runs</c>).
/// </summary>
public sealed class RunHub(RunService runs) : Hub
{
    public async IAsyncEnumerable<FrameMessage> Frames(string runId, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var run = await FindAsync(runId);
        var frames = run.Watch();
        var sent = false;
        await foreach (var frame in frames.ReadAllAsync(cancellation))
        {
            sent = true;
            yield return FrameMessage.From(frame, run.PublishedAt(frame));
        }
        if (!sent && run.LastFrame is { } last) yield return FrameMessage.From(last, run.PublishedAt(last));
    }

    /// <summary>Sets the run's switches from its next iteration; a <see cref="HubException"/> says why when it cannot.</summary>
    public async Task SetSwitches(string runId, string controlToken, RpSwitches switches)
    {
        var run = await FindAsync(runId);
        if (!run.IsControlledBy(controlToken)) throw new HubException($"Only the client that started run '{UserText.Short(runId)}' may change its switches (send the controlToken that POST /api/runs returned).");
        if (!run.Control.HasSwitches) throw new HubException($"Run '{UserText.Short(runId)}' is not a Robust Perturbation run; it has no switches.");
        if (run.State is not (RunState.Queued or RunState.Running)) throw new HubException($"Run '{UserText.Short(runId)}' has ended; its switches can no longer change.");
        try
        {
            run.ChangeSwitches(switches);
        }
        catch (Core.InvalidRequestException e)
        {
            throw new HubException(e.Message);
        }
    }

    async Task<RunHandle> FindAsync(string runId)
    {
        try
        {
            return await runs.FindAnywhereAsync(runId ?? "") ?? throw new HubException($"There is no run '{UserText.Short(runId ?? "")}'.");
        }
        catch (QueueFullException e)
        {
            throw new HubException(e.Message);
        }
    }
}
