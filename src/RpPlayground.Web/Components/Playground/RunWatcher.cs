using RpPlayground.Core.Methods;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Components.Playground;

/// <summary>
/// How a page watches a run: the newest frame at most <c>framesPerSecond</c> times a second (a newer frame replaces one
/// not yet shown, so a slow page never builds a backlog), then the run's last frame once it ends if that one was not
/// shown yet. The playground and the compare page both watch this way.
/// </summary>
public static class RunWatcher
{
    /// <summary>Shows the run's frames until it ends; throws <see cref="OperationCanceledException"/> when <paramref name="cancellation"/> fires.</summary>
    public static async Task WatchAsync(RunHandle run, int framesPerSecond, Func<Frame, Task> show, CancellationToken cancellation)
    {
        Frame? shown = null;
        var pause = TimeSpan.FromMilliseconds(1000.0 / Math.Clamp(framesPerSecond, 1, 60));
        await foreach (var next in run.Frames.ReadAllAsync(cancellation))
        {
            await show(next);
            shown = next;
            await Task.Delay(pause, cancellation);
        }
        await run.Finished.WaitAsync(cancellation);
        if (run.LastFrame is { } last && !ReferenceEquals(last, shown)) await show(last);
    }
}
