using RpPlayground.Core;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>The optimiser's switches, determinism and frames, on a tiny model.</summary>
[Collection(NativeStateCollection.Name)]
public sealed class RobustPerturbationTests
{
    static readonly RpOptions Short = new() { Iterations = 4, Substrate = new() { Kind = Core.Substrates.SubstrateKind.Constant, Value = 0.2 } };

    [Theory]
    [InlineData(RpObjective.NonTarget)]
    [InlineData(RpObjective.ReversedTarget)]
    public async Task SwitchingATermOffRemovesExactlyThatTerm(string term)
    {
        using var classifier = TinyClassifier.Create();
        using var scope = NewDisposeScope();
        using var generator = new Generator(8);  // kept alive: LibTorch reads it during the call
        var x = rand(new long[] { 1, 3, 12, 12 }, generator: generator);
        var off = term == RpObjective.NonTarget ? new RpSwitches { NonTarget = false } : new RpSwitches { ReversedMask = false };
        var removed = term == RpObjective.NonTarget ? new[] { RpObjective.NonTarget } : new[] { RpObjective.ReversedTarget, RpObjective.ReversedNonTarget };

        var withAll = (Frames(classifier, x, new RpSwitches()))[0].Loss;
        var without = (Frames(classifier, x, off))[0].Loss;

        // The first iteration starts from the same mask and noise, so every remaining term is the same number.
        Assert.Equal(withAll.Keys.Except(removed).Order(), without.Keys.Order());
        foreach (var name in without.Keys.Where(k => k != "total"))
            Assert.Equal(withAll[name], without[name], 1e-6);
        Assert.Equal(withAll["total"] - removed.Sum(r => withAll[r]), without["total"], 1e-4);
    }

    [Fact]
    public void ASwitchFlippedWhileRunningTakesEffectAtTheNextIteration()
    {
        using var classifier = TinyClassifier.Create();
        using var scope = NewDisposeScope();
        var switches = new RpLiveSwitches(new RpSwitches());
        var method = new RobustPerturbationMethod(Short, switches);
        var frames = new List<Frame>();
        using var generator = new Generator(17);  // kept alive: LibTorch reads it during the call
        var image = rand(new long[] { 1, 3, 12, 12 }, generator: generator);
        foreach (var frame in method.Run(new ExplanationRequest(classifier, image, 0, [], 0), TestContext.Current.CancellationToken))
        {
            frames.Add(frame);
            if (frame.Iteration == 2) switches.Current = switches.Current with { NonTarget = false, Area = 0.5 };
        }
        Assert.All(frames.Take(2), f => Assert.Contains(RpObjective.NonTarget, f.Loss.Keys));
        Assert.All(frames.Skip(2), f => Assert.DoesNotContain(RpObjective.NonTarget, f.Loss.Keys));
        Assert.True(frames[3].Loss[RpObjective.Area] < 0.5 + 1e-6, $"area term {frames[3].Loss[RpObjective.Area]:R} at iteration 4 with λ1 0.5; map {string.Join(",", frames[3].Map.Take(6))}");
        Assert.Throws<InvalidRequestException>(() => switches.Current = switches.Current with { Smoothness = -1 });
    }

    [Fact]
    public async Task TheSameSeedGivesTheSameMaskAndAnotherSeedAnother()
    {
        using var classifier = TinyClassifier.Create();
        using var scope = NewDisposeScope();
        using var generator = new Generator(9);  // kept alive: LibTorch reads it during the call
        var x = rand(new long[] { 1, 3, 12, 12 }, generator: generator);
        var options = Short with { Substrate = new() { Kind = Core.Substrates.SubstrateKind.Noise } };
        var a = (Frames(classifier, x, new RpSwitches(), options, seed: 5))[^1];
        var b = (Frames(classifier, x, new RpSwitches(), options, seed: 5))[^1];
        var c = (Frames(classifier, x, new RpSwitches(), options, seed: 6))[^1];
        Assert.Equal(a.Map, b.Map);
        Assert.NotEqual(a.Map, c.Map);
    }

    [Fact]
    public async Task FramesCarryTheMaskTheTrackedClassesAndAFinalCleanLook()
    {
        using var classifier = TinyClassifier.Create(classes: 8);
        using var scope = NewDisposeScope();
        var frames = Frames(classifier, rand(1, 3, 12, 12), new RpSwitches(), Short with { MaskResolution = 4 });
        Assert.Equal(Short.Iterations + 1, frames.Count);
        Assert.All(frames, f => Assert.Equal((4, 4, 16), (f.MapWidth, f.MapHeight, f.Map.Length)));
        Assert.All(frames, f => Assert.InRange(f.Map.Min(), 0f, 1f));
        Assert.True(frames[^1].Clean);
        Assert.All(frames.SkipLast(1), f => Assert.False(f.Clean));
        var tracked = frames[^1].Classes;
        Assert.True(tracked[0].IsTarget);
        Assert.Equal(6, tracked.Count);  // the target and the original's top five others
        Assert.NotNull(frames[^1].Distortion);
    }

    [Fact]
    public async Task BadOptionsAreRefusedWithEveryProblemNamed()
    {
        using var classifier = TinyClassifier.Create();
        using var scope = NewDisposeScope();
        var method = new RobustPerturbationMethod(new RpOptions { Iterations = 0, LearningRate = -1, MaskResolution = 99 }, new RpLiveSwitches(new RpSwitches()));
        var error = await Assert.ThrowsAsync<InvalidRequestException>(async () =>
        {
            foreach (var _ in method.Run(new ExplanationRequest(classifier, rand(1, 3, 12, 12), 0, [], 0), TestContext.Current.CancellationToken)) { }
        });
        Assert.Contains("Iterations must be between 1 and 5000", error.Message);
        Assert.Contains("learning rate", error.Message);
        Assert.Contains("mask resolution", error.Message);
        await Assert.ThrowsAsync<InvalidRequestException>(async () =>
        {
            foreach (var _ in new RobustPerturbationMethod(Short, new RpLiveSwitches(new RpSwitches())).Run(new ExplanationRequest(classifier, rand(1, 3, 12, 12), 9, [], 0), TestContext.Current.CancellationToken)) { }
        });
    }

    [Fact]
    public void CancellationStopsTheRun()
    {
        using var classifier = TinyClassifier.Create();
        using var scope = NewDisposeScope();
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in new RobustPerturbationMethod(Short with { Iterations = 100 }, new RpLiveSwitches(new RpSwitches()))
                               .Run(new ExplanationRequest(classifier, rand(1, 3, 12, 12), 0, [], 0), cancel.Token))
            {
                if (++seen == 3) cancel.Cancel();
            }
        });
        Assert.Equal(3, seen);
    }

    static List<Frame> Frames(Core.Models.ImageClassifier classifier, Tensor x, RpSwitches switches, RpOptions? options = null, int seed = 0)
    {
        var frames = new List<Frame>();
        foreach (var frame in new RobustPerturbationMethod(options ?? Short, new RpLiveSwitches(switches)).Run(new ExplanationRequest(classifier, x, 1, [], seed), TestContext.Current.CancellationToken))
            frames.Add(frame);
        return frames;
    }
}
