using RpPlayground.Core.Methods;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Components.Playground;

/// <summary>The playground's status line: what the map shows now (a recording, a queued, running or finished run).</summary>
public static class PlaygroundStatus
{
    /// <param name="run">The page's run, if it started one.</param>
    /// <param name="frame">The frame on screen.</param>
    /// <param name="recorded">Whether the frame comes from a gallery example's recording.</param>
    /// <param name="playing">Whether that recording is still playing.</param>
    /// <param name="kind">How the method on screen steps (iterations, batches of masks, one pass), for the words.</param>
    public static string Describe(RunHandle? run, Frame? frame, bool recorded, bool playing, MethodKind kind = MethodKind.MaskOptimising) => run switch
    {
        null when recorded && frame is not null => playing
            ? $"Recorded run: {Step(kind)} {frame.Iteration} of {frame.Iterations}, {frame.ElapsedMs / 1000:0.0} s (press Run to compute it live)"
            : $"Recorded run, done: {frame.Iterations} {Steps(kind)} in {frame.ElapsedMs / 1000:0.0} s. Press Run to compute it live.",
        null => "Choose an image and a class, then Run.",
        { State: RunState.Queued } => $"Waiting: {run.QueuePosition + 1} run(s) ahead.",
        // Done only once the page shows the run's last frame (the clean look), so the scores beside it are final.
        { State: RunState.Completed } when frame is not null && ReferenceEquals(frame, run.LastFrame) => kind == MethodKind.OneShot
            ? $"Done: one pass in {frame.ElapsedMs / 1000:0.0} s."
            : $"Done: {frame.Iterations} {Steps(kind)} in {frame.ElapsedMs / 1000:0.0} s.",
        { State: RunState.Running or RunState.Completed } => frame is null ? "Starting…" : $"{char.ToUpperInvariant(Step(kind)[0])}{Step(kind)[1..]} {frame.Iteration} of {frame.Iterations}, {frame.ElapsedMs / 1000:0.0} s",
        { State: RunState.Cancelled } => "Stopped.",
        _ => "Failed.",
    };

    static string Step(MethodKind kind) => kind == MethodKind.Sampling ? "batch of masks" : "iteration";

    static string Steps(MethodKind kind) => kind == MethodKind.Sampling ? "batches of masks" : "iterations";
}
