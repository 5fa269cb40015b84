using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;

namespace RpPlayground.Web.Runs;

/// <summary>
/// <c>/hubs/runs</c>: the frames of a run for clients other than the page (scripts, notebooks), as a stream:
/// <c>connection.StreamAsync&lt;FrameMessage&gt;("Frames", runId)</c>. A slow client gets the newest frame, never a backlog.
/// </summary>
public sealed class RunHub(RunService runs) : Hub
{
    public async IAsyncEnumerable<FrameMessage> Frames(string runId, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var run = runs.Find(runId) ?? throw new HubException($"There is no run '{runId}'.");
        var frames = run.Watch();
        var sent = false;
        await foreach (var frame in frames.ReadAllAsync(cancellation))
        {
            sent = true;
            yield return FrameMessage.From(frame);
        }
        if (!sent && run.LastFrame is { } last) yield return FrameMessage.From(last);
    }
}
