using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Tests.Components;

/// <summary>
/// The playground's transitions, without a browser: what a shared run, a link, a recording, a switch, a method and Run
/// each do to the set-up and to what is on screen, and that the set-up's definition starts the run it describes.
/// </summary>
public sealed class PlaygroundStateTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    static readonly RunSubject Scene = new("world", "world/scene-0001", 2);

    ModelCatalog Catalog => factory.Services.GetRequiredService<ModelCatalog>();

    ModelSpec World => Catalog.Find("world").Spec;

    PlaygroundState Open() => PlaygroundState.Opening(Scene, World);

    RunRequest Settle(RunDefinition definition) => RunDefinitions.Settle(definition, Catalog);

    static string Json(RunRequest request) => JsonSerializer.Serialize(request);

    [Fact]
    public void ASharedRunLoadedAndRunAgainIsTheSameRunItsOptionsAndScheduleIncluded()
    {
        var shared = Settle(new RunDefinition
        {
            Model = "world", Image = "world/scene-0002", Target = "2", Seed = 4, Method = "rp",
            Options = new JsonObject { ["iterations"] = 40, ["learningRate"] = 0.05, ["noiseSigma"] = 0.1, ["switches"] = new JsonObject { ["nonTarget"] = false } },
            Schedule = [new SwitchChange(10, new RpSwitches())],
        });
        var loaded = Open().Loaded(shared, World);
        Assert.Equal(-1, loaded.Subject.Target);  // the picker classifies the image, then picks the wanted class
        Assert.Equal("2", loaded.WantedTarget);
        var picked = loaded.SubjectChosen(loaded.Subject with { Target = 2 }, null);

        Assert.Equal(Json(shared), Json(Settle(picked.Definition)));
        Assert.NotEqual(RpOptions.For(World).LearningRate, ((RpOptions)Settle(picked.Definition).Options).LearningRate);
    }

    [Fact]
    public void ASharedRunOfAnotherMethodKeepsItsCountAndGetsTheModelsRpOptionsForLater()
    {
        var shared = Settle(new RunDefinition { Model = "world", Image = "world/scene-0002", Target = "2", Seed = 1, Method = "rise", Options = new JsonObject { ["masks"] = 300 } });
        var loaded = Open() with { Options = new RpOptions { Iterations = 3 } };
        loaded = loaded.Loaded(shared, World).SubjectChosen(new RunSubject("world", "world/scene-0002", 2), null);
        Assert.Equal(300, loaded.Steps);
        Assert.Equal(RpOptions.For(World), loaded.Options);
        Assert.Equal(Json(shared), Json(Settle(loaded.Definition)));
    }

    [Fact]
    public void AnotherMethodStartsFromItsDefaultCountAndDropsASharedSchedule()
    {
        var state = Open() with { Schedule = [new SwitchChange(5, new RpSwitches { NonTarget = false })] };
        var rise = state.MethodChosen(RiseMethod.MethodId);
        Assert.Empty(rise.Schedule);
        Assert.Equal(RiseOptions.DefaultMasks, rise.Steps);
        var fewer = Settle(rise.StepsChanged(200).Definition);
        Assert.Equal(200, ((RiseOptions)fewer.Options).Masks);
        Assert.Null(Open().MethodChosen(GradCamMethod.MethodId).Definition.Options);
    }

    [Fact]
    public void SwitchesChangedBeforeARunDropTheScheduleTheAdviceAndARecording()
    {
        var state = Open() with { Schedule = [new SwitchChange(5, new RpSwitches())], Advice = "use weight 7", Recording = Recording(), Playing = true };
        var changed = state.SwitchesChanged(new RpSwitches { ReversedMask = false });
        Assert.False(changed.SwitchesReachTheRun);
        Assert.Empty(changed.Schedule);
        Assert.Null(changed.Advice);
        Assert.Null(changed.Recording);
        Assert.False(changed.Playing);
        Assert.False(((RpOptions)Settle(changed.Definition).Options).Switches.ReversedMask);
    }

    [Fact]
    public void ARecordingPlaysOnItsOwnPictureAndStopsWhenAnotherPictureOrClassIsChosen()
    {
        var offered = Open() with { Recording = Recording() };
        Assert.Equal(PlaygroundPhase.Idle, offered.Phase);
        var playing = offered.ReplayStarted();
        Assert.Equal(PlaygroundPhase.Replaying, playing.Phase);

        Assert.NotNull(playing.SubjectChosen(Scene with { Target = -1 }, null).Recording);  // the same picture, not yet classified
        Assert.NotNull(playing.SubjectChosen(Scene, null).Recording);
        Assert.Null(playing.SubjectChosen(Scene with { Target = 3 }, null).Recording);
        Assert.Null(playing.SubjectChosen(Scene with { ImageId = "world/scene-0002" }, null).Recording);

        var frame = Frame(1);
        var shown = playing.FrameShown(frame, new PlaygroundState.ShownRun(offered.Recording!.Definition, [frame], null), charts: false);
        Assert.Same(frame, shown.Frame);
        Assert.Empty(shown.History);  // the charts wait for their own interval
        var ended = shown.ReplayEnded();
        Assert.Equal(PlaygroundPhase.Finished, ended.Phase);
        Assert.StartsWith("Recorded run, done", ended.Status);
    }

    [Fact]
    public void AnotherPictureClearsTheFrameAndChartsAndAnotherModelBringsItsOptions()
    {
        var frame = Frame(2);
        var state = Open().FrameShown(frame, new PlaygroundState.ShownRun(Settle(Open().Definition), [frame, frame], null), charts: true);
        Assert.Equal(2, state.History.Count);
        Assert.Same(frame, state.SubjectChosen(Scene with { Target = 3 }, null).Frame);  // another class of the same picture keeps it
        var other = state.SubjectChosen(Scene with { ImageId = "world/scene-0003" }, null);
        Assert.Null(other.Frame);
        Assert.Empty(other.History);

        var custom = state with { Options = new RpOptions { Iterations = 9 } };
        Assert.Equal(RpOptions.For(World), custom.SubjectChosen(Scene with { ModelId = "world-copy" }, World).Options);
        Assert.Equal(9, custom.SubjectChosen(Scene with { Target = 1 }, World).Options.Iterations);
    }

    [Fact]
    public async Task RunTakesThePageFromIdleThroughRunningToFinishedAndClearsTheOldResult()
    {
        var runs = factory.Services.GetRequiredService<RunService>();
        var state = (Open() with { Error = "old", SharedLink = "/r/old", Advice = "old", Options = new RpOptions { Iterations = 4 } }).Starting();
        Assert.Equal(PlaygroundPhase.Idle, state.Phase);
        Assert.Null(state.Error);
        Assert.Null(state.SharedLink);
        Assert.Null(state.Advice);

        using var run = await runs.StartAsync(Settle(state.Definition), "state-test", TestContext.Current.CancellationToken);
        state = state.Started(run);
        Assert.Contains(state.Phase, new[] { PlaygroundPhase.Running, PlaygroundPhase.Finished });
        await run.Finished.WaitAsync(TestContext.Current.CancellationToken);
        state = state.Ended(run);
        Assert.Equal(PlaygroundPhase.Finished, state.Phase);
        Assert.False(state.Running);
        Assert.True(state.CanShare);
        Assert.False(state.SharedAs("/r/x").CanShare);
    }

    static Frame Frame(int iteration) => new() { Iteration = iteration, Iterations = 2, Map = new float[4], MapWidth = 2, MapHeight = 2, ElapsedMs = 10 * iteration };

    static GalleryRecording Recording() =>
        GalleryRecording.Of(new RunRequest("world", "world/scene-0001", 2, "rp", new RpOptions { Iterations = 2 }, 0), [Frame(1), Frame(2)]);
}
