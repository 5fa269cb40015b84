using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.Masks;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Core.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>Runs stepping through the network together give each run the frames it gets alone.</summary>
[Collection(NativeStateCollection.Name)]
public sealed class MaskRoundTests
{
    const int Size = 32;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void ARunInARoundEndsWithTheMapAndScoresItGetsAlone(int companions)
    {
        using var classifier = TinyClassifier.Create(size: Size, classes: 8);
        using var scope = NewDisposeScope();
        using var generator = new Generator(21);
        var images = rand(new long[] { 9, 3, Size, Size }, generator: generator);
        var alone = Finish([Subject(classifier, images)]);
        var together = Finish([Subject(classifier, images), .. Enumerable.Range(1, companions).Select(i => Companion(classifier, images, i))]);

        var (a, t) = (alone[0], together[0]);
        Assert.Equal(a.Count, t.Count);
        for (var f = 0; f < a.Count; f++)
        {
            var difference = a[f].Map.Zip(t[f].Map, (x, y) => Math.Abs(x - y)).Max();
            Assert.True(difference <= 1e-4, $"frame {f}: the map differs by {difference} with {companions} companion(s)");
            Assert.Equal(a[f].Loss.Keys.Order(), t[f].Loss.Keys.Order());
        }
        Assert.Equal(a[^1].Distortion!.Code, t[^1].Distortion!.Code, 1e-4);
        Assert.Equal(a[^1].Distortion!.Reverse, t[^1].Distortion!.Reverse, 1e-4);
    }

    [Fact]
    public void ARunWhoseLossIsNotANumberLeavesTheRoundAndTheOthersFinish()
    {
        using var classifier = TinyClassifier.Create(size: Size, classes: 8);
        using var scope = NewDisposeScope();
        using var generator = new Generator(22);
        var images = rand(new long[] { 9, 3, Size, Size }, generator: generator);
        var broken = images[1..2].clone();
        broken[0, 0, 5, 5] = tensor(float.NaN);
        var members = new List<MaskStepper> { Subject(classifier, images), Rp(8).Begin(Request(classifier, broken, 3)), Companion(classifier, images, 2) };
        try
        {
            var first = MaskRound.Step(members);
            Assert.Null(first[1].Frame);
            Assert.Contains("not a number", first[1].Error!.Message);
            Assert.NotNull(first[0].Frame);
            Assert.NotNull(first[2].Frame);
            members[1].Dispose();
            members.RemoveAt(1);
            Assert.All(Finish(members), frames => Assert.True(frames[^1].Clean));
        }
        finally
        {
            foreach (var member in members) member.Dispose();
        }
    }

    [Fact]
    public void ASwitchChangedInOneRunLeavesItsCompanionsLossTermsAlone()
    {
        using var classifier = TinyClassifier.Create(size: Size, classes: 8);
        using var scope = NewDisposeScope();
        using var generator = new Generator(23);
        var images = rand(new long[] { 9, 3, Size, Size }, generator: generator);
        var alone = Finish([Subject(classifier, images)])[0];

        var switches = new RpLiveSwitches(new RpSwitches());
        var changed = new RobustPerturbationMethod(new RpOptions { Iterations = 12, MaskResolution = 8 }, switches).Begin(Request(classifier, images[3..4], 5));
        var subject = Subject(classifier, images);
        using (subject)
        using (changed)
        {
            var frames = new List<Frame>();
            while (!subject.Done)
            {
                if (subject.Iteration == 4) switches.Current = switches.Current with { NonTarget = false, ReversedMask = false };
                var results = MaskRound.Step(changed.Done ? [subject] : [subject, changed]);
                frames.Add(results[0].FrameOrThrow());
            }
            for (var f = 0; f < frames.Count; f++)
            {
                Assert.Equal(alone[f].Loss.Keys.Order(), frames[f].Loss.Keys.Order());
                Assert.Equal(alone[f].Loss["total"], frames[f].Loss["total"], 1e-4);
            }
        }
    }

    // The run every test follows: RP, 10 iterations, on image 0.
    static MaskStepper Subject(ImageClassifier classifier, Tensor images) =>
        new RobustPerturbationMethod(new RpOptions { Iterations = 10, MaskResolution = 8 }, new RpLiveSwitches(new RpSwitches())).Begin(Request(classifier, images[0..1], 1));

    // Mixed methods and lengths, each on an image of its own.
    static MaskStepper Companion(ImageClassifier classifier, Tensor images, int i) => (i % 3) switch
    {
        0 => Rp(6 + i).Begin(Request(classifier, images[i..(i + 1)], i % 8)),
        1 => new MeaningfulPerturbationMethod(new MpOptions { Iterations = 5 + i, Grid = 8, Jitter = 2 }).Begin(Request(classifier, images[i..(i + 1)], (i + 2) % 8)),
        _ => new ExtremalPerturbationMethod(new EpOptions { Iterations = 14 - i, Step = 4, FlipJitter = true }).Begin(Request(classifier, images[i..(i + 1)], (i + 4) % 8)),
    };

    static RobustPerturbationMethod Rp(int iterations) =>
        new(new RpOptions { Iterations = iterations, MaskResolution = 8 }, new RpLiveSwitches(new RpSwitches()));

    static ExplanationRequest Request(ImageClassifier classifier, Tensor image, int target) => new(classifier, image, target, [], 7);

    /// <summary>The runs' frames to the end (<see cref="MaskRound.ToTheEnd"/>); disposes them.</summary>
    static List<Frame>[] Finish(IReadOnlyList<MaskStepper> members)
    {
        try
        {
            return MaskRound.ToTheEnd(members);
        }
        finally
        {
            foreach (var member in members) member.Dispose();
        }
    }
}
