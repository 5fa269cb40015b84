using RpPlayground.Core.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Torch;

/// <summary>The project's Adam and SGD against TorchSharp's own (the reference, run here on one thread): the same parameters bit for bit.</summary>
public class OptimiserTests
{
    [Fact]
    public void AdamMatchesTorchSharpsAdamBitForBitWithAChangingLearningRate() =>
        AssertSameSteps(
            p => new AdamOptimiser(p, 0.1),
            p => optim.Adam(p, 0.1),
            (ours, step) => ours.LearningRate = 0.1 / step,
            (theirs, step) => { foreach (var g in theirs.ParamGroups) g.LearningRate = 0.1 / step; });

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.9, 0.0)]
    [InlineData(0.9, 0.9)]
    public void SgdMatchesTorchSharpsSgdBitForBit(double momentum, double dampening) =>
        AssertSameSteps(
            p => new SgdOptimiser(p, 0.05, momentum, dampening),
            p => optim.SGD(p, 0.05, momentum, dampening),
            (_, _) => { },
            (_, _) => { });

    [Fact]
    public void ZeroGradClearsEveryGradient()
    {
        using var scope = NewDisposeScope();
        var p = new Parameter(ones(3), requires_grad: true);
        using var optimiser = new AdamOptimiser([p], 0.1);
        (p * p).sum().backward();
        Assert.NotEqual(0f, p.grad!.abs().sum().item<float>());
        optimiser.ZeroGrad();
        Assert.Equal(0f, p.grad!.abs().sum().item<float>());
    }

    static void AssertSameSteps(Func<Parameter[], Optimiser> makeOurs, Func<Parameter[], optim.Optimizer> makeTheirs,
        Action<Optimiser, int> scheduleOurs, Action<optim.Optimizer, int> scheduleTheirs)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(7);
        var start = rand(new long[] { 2, 5, 5 }, generator: generator);
        var goal = rand(new long[] { 2, 5, 5 }, generator: generator);
        Parameter[] ours = [new(start.clone(), requires_grad: true)], theirs = [new(start.clone(), requires_grad: true)];
        using var our = makeOurs(ours);
        using var their = makeTheirs(theirs);
        for (var step = 1; step <= 40; step++)
        {
            scheduleOurs(our, step);
            scheduleTheirs(their, step);
            our.ZeroGrad();
            Loss(ours[0], goal).backward();
            our.Step();
            their.zero_grad();
            Loss(theirs[0], goal).backward();
            their.step();
        }
        Assert.True(ours[0].equal(theirs[0]).all().item<bool>(), $"max difference {(ours[0] - theirs[0]).abs().max().item<float>()}");
        Assert.False(ours[0].equal(start).all().item<bool>(), "the optimiser did not move the parameters");
    }

    // Curved, with a different scale per element, so that Adam's and momentum's state matter.
    static Tensor Loss(Tensor p, Tensor goal) => ((p - goal).square() * (goal + 0.5)).sum() + p.sin().sum();
}
