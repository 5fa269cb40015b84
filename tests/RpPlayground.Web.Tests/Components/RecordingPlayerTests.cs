using Bunit;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Tests.Components;

/// <summary>The recording player plays a recording as soon as it is given, every frame that is due, the last one always; again on request; and stops when it is taken away.</summary>
public sealed class RecordingPlayerTests : MudTestContext
{
    [Fact]
    public void ARecordingPlaysToItsLastFrameAndAgainOnRequest()
    {
        var shown = new List<int>();
        var playing = new List<bool>();
        var player = Render<RecordingPlayer>(p => p.Add(r => r.Recording, Recording(frames: 6, apart: 1))
            .Add(r => r.FramesPerSecond, 60)
            .Add(r => r.Show, (frame, soFar) => { shown.Add(frame.Iteration); Assert.Same(frame, soFar[^1]); return Task.CompletedTask; })
            .Add(r => r.PlayingChanged, (bool now) => playing.Add(now)));

        player.WaitForAssertion(() => Assert.Equal([true, false], playing), TimeSpan.FromMinutes(1));
        Assert.Equal(6, shown[^1]);
        Assert.Equal(shown.Order(), shown);  // in order, none twice
        Assert.Equal(shown.Distinct().Count(), shown.Count);

        shown.Clear();
        player.Find("[data-testid=play-again]").Click();
        player.WaitForAssertion(() => Assert.Equal([true, false, true, false], playing), TimeSpan.FromMinutes(1));
        Assert.Equal(6, shown[^1]);
    }

    [Fact]
    public void TakingTheRecordingAwayStopsItWhereItIs()
    {
        var shown = new List<int>();
        var playing = new List<bool>();
        var player = Render<RecordingPlayer>(p => p.Add(r => r.Recording, Recording(frames: 100, apart: 60_000))  // a frame a minute
            .Add(r => r.Show, (frame, _) => { shown.Add(frame.Iteration); return Task.CompletedTask; })
            .Add(r => r.PlayingChanged, (bool now) => playing.Add(now)));
        player.WaitForAssertion(() => Assert.Equal([true], playing), TimeSpan.FromMinutes(1));

        player.Render(p => p.Add(r => r.Recording, null));
        player.WaitForAssertion(() => Assert.Equal([true, false], playing), TimeSpan.FromMinutes(1));
        Assert.Empty(player.FindAll("[data-testid=play-again]"));
        Assert.True(shown.Count <= 1);
    }

    static GalleryRecording Recording(int frames, double apart) => GalleryRecording.Of(
        new RunRequest("world", "world/scene-0001", 2, "rp", new RpOptions { Iterations = frames }, 0),
        Enumerable.Range(1, frames).Select(i => new Frame { Iteration = i, Iterations = frames, Map = new float[4], MapWidth = 2, MapHeight = 2, ElapsedMs = apart * (i - 1) }));
}
