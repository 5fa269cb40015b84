using System.Diagnostics;
using RpPlayground.Core.Methods;

namespace RpPlayground.Web.Components.Playground;

/// <summary>
/// How a page plays a recorded run (a gallery example's) as it was watched live: each frame when the recorded run had
/// made it, at most <c>framesPerSecond</c> a second, the newest one when several are due; the last frame always. The
/// recorded counterpart of <see cref="RunWatcher"/>.
/// </summary>
public static class RecordingPlayer
{
    /// <summary>Shows the frames with the frames so far; throws <see cref="OperationCanceledException"/> when <paramref name="cancellation"/> fires.</summary>
    public static async Task PlayAsync(Frame[] frames, int framesPerSecond, Func<Frame, IReadOnlyList<Frame>, Task> show, CancellationToken cancellation)
    {
        var pause = TimeSpan.FromMilliseconds(1000.0 / Math.Clamp(framesPerSecond, 1, 60));
        var clock = Stopwatch.StartNew();
        for (var shown = -1; shown < frames.Length - 1;)
        {
            var next = shown + 1;
            while (next + 1 < frames.Length && frames[next + 1].ElapsedMs <= clock.Elapsed.TotalMilliseconds) next++;
            var due = frames[next].ElapsedMs - clock.Elapsed.TotalMilliseconds;
            if (due > 0) await Task.Delay(TimeSpan.FromMilliseconds(due), cancellation);
            shown = next;
            await show(frames[shown], new ArraySegment<Frame>(frames, 0, shown + 1));  // a view, not a copy per frame
            await Task.Delay(pause, cancellation);
        }
    }
}
