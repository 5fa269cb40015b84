using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Methods;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Components.Playground;

/// <summary>
/// Plays a recorded run (a gallery example's) as it was watched live: each frame when the recorded run had made it, at
/// most <see cref="FramesPerSecond"/> a second, the newest one when several are due; the last frame always. A new
/// recording starts playing after the render that brings it; taking it away (null) stops it. The recorded counterpart
/// of <see cref="RunWatcher"/>.
/// </summary>
public partial class RecordingPlayer
{
    CancellationTokenSource? playing;
    GalleryRecording? given;
    bool due;  // a new recording waits for the render (its canvases) before it plays
    bool disposed;

    /// <summary>The recording to play; null stops one that is playing.</summary>
    [Parameter] public GalleryRecording? Recording { get; set; }

    [Parameter] public int FramesPerSecond { get; set; } = 20;

    /// <summary>Shows a frame with the frames so far (a view onto the recording, not a copy).</summary>
    [Parameter, EditorRequired] public Func<Frame, IReadOnlyList<Frame>, Task> Show { get; set; } = default!;

    /// <summary>True as playing starts, false as it ends or stops.</summary>
    [Parameter] public EventCallback<bool> PlayingChanged { get; set; }

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(Recording, given)) return;
        playing?.Cancel();
        given = Recording;
        due = Recording is not null;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!due || given is null) return;
        due = false;
        _ = PlayAsync(given);
    }

    Task PlayAgainAsync() => given is null || playing is not null ? Task.CompletedTask : PlayAsync(given);

    async Task PlayAsync(GalleryRecording recording)
    {
        using var stop = playing = new CancellationTokenSource();
        try
        {
            await PlayingChanged.InvokeAsync(true);
            StateHasChanged();  // Play again is disabled while it plays
            await PlayFramesAsync(recording.Replayed(), stop.Token);
        }
        catch (OperationCanceledException)
        {
            // taken away, or the page is closing
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
        finally
        {
            if (ReferenceEquals(playing, stop)) playing = null;
        }
        if (disposed || playing is not null) return;  // the page is closing, or a newer recording plays already
        await InvokeAsync(async () =>
        {
            await PlayingChanged.InvokeAsync(false);
            StateHasChanged();
        });
    }

    async Task PlayFramesAsync(Frame[] frames, CancellationToken cancellation)
    {
        var pause = TimeSpan.FromMilliseconds(1000.0 / Math.Clamp(FramesPerSecond, 1, 60));
        var clock = Stopwatch.StartNew();
        for (var shown = -1; shown < frames.Length - 1;)
        {
            var next = shown + 1;
            while (next + 1 < frames.Length && frames[next + 1].ElapsedMs <= clock.Elapsed.TotalMilliseconds) next++;
            var wait = frames[next].ElapsedMs - clock.Elapsed.TotalMilliseconds;
            if (wait > 0) await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellation);
            shown = next;
            await Show(frames[shown], new ArraySegment<Frame>(frames, 0, shown + 1));
            await Task.Delay(pause, cancellation);
        }
    }

    public void Dispose()
    {
        disposed = true;
        playing?.Cancel();
    }
}
