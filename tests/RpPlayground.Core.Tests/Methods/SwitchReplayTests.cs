using RpPlayground.Core;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Tests.Support;
using RpPlayground.Core.World;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>Switch changes made while RP runs are recorded with their iterations, and replaying the record reproduces the run.</summary>
[Collection(NativeStateCollection.Name)]
public sealed class SwitchReplayTests
{
    [Fact]
    public void ARunWhoseNonTargetTermWasFlippedOffAndOnReplaysToTheSameResult()
    {
        using var catalog = WorldModel.Catalog();
        var classifier = catalog.Get("world");
        var scene = new SceneGenerator(classifier.InputSize).Generate(77, 3);
        using var scope = NewDisposeScope();
        var x = tensor(scene.Pixels, new long[] { 1, 3, scene.Size, scene.Size });
        var request = new ExplanationRequest(classifier, x, scene.Objects[0].ClassIndex, [], 3);
        var options = RpOptions.For(WorldModel.Spec) with { Iterations = 14 };

        // Live: the presenter turns the term off after frame 4 and on again (weight 3) after frame 9.
        var live = new RpLiveSwitches(new RpSwitches());
        var liveFrames = new List<Frame>();
        foreach (var frame in new RobustPerturbationMethod(options, live).Run(request, TestContext.Current.CancellationToken))
        {
            liveFrames.Add(frame);
            if (frame.Iteration == 4 && !frame.Clean) live.Current = live.Current with { NonTarget = false };
            if (frame.Iteration == 9 && !frame.Clean) live.Current = live.Current with { NonTarget = true, NonTargetWeight = 3 };
        }
        Assert.Equal([new SwitchChange(5, new RpSwitches { NonTarget = false }), new SwitchChange(10, new RpSwitches { NonTargetWeight = 3 })], live.Changes);

        // Replay: only the record, no hand on the switches.
        var replay = new RpLiveSwitches(new RpSwitches(), live.Changes);
        var replayed = new RobustPerturbationMethod(options, replay).FinalFrame(request, TestContext.Current.CancellationToken);
        var started = new RobustPerturbationMethod(options, new RpLiveSwitches(new RpSwitches())).FinalFrame(request, TestContext.Current.CancellationToken);

        var original = liveFrames[^1];
        Assert.Equal(live.Changes, replay.Changes);
        Assert.True(MaxDifference(original.Map, replayed.Map) <= 1e-6, $"replayed map differs by {MaxDifference(original.Map, replayed.Map):G3}");
        Assert.Equal(original.Distortion!.Code, replayed.Distortion!.Code, 1e-6);
        Assert.Equal(original.Distortion.Slides, replayed.Distortion.Slides, 1e-6);
        // ...and the schedule mattered: the starting switches alone give another map.
        Assert.True(MaxDifference(original.Map, started.Map) > 1e-3, "the switch changes made no difference to the map");
        Assert.DoesNotContain(RpObjective.NonTarget, liveFrames[6].Loss.Keys);
    }

    [Fact]
    public void AScheduleIsValidatedLikeALiveChange()
    {
        Assert.Throws<InvalidRequestException>(() => new RpLiveSwitches(new RpSwitches(), [new SwitchChange(3, new RpSwitches { Area = -1 })]));
        Assert.Throws<InvalidRequestException>(() => new RpLiveSwitches(new RpSwitches(), [new SwitchChange(0, new RpSwitches())]));
    }

    static double MaxDifference(float[] a, float[] b) => a.Zip(b, (p, q) => Math.Abs(p - q)).Max();
}
