using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Experiments;

/// <summary>Whether a run's map depends on other LibTorch work running on another thread at the same time.</summary>
public sealed class ConcurrentDeterminismExperiment(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    public void ARunsMapWithAndWithoutABusyNeighbourThread()
    {
        using var catalog = WorldModel.Catalog();
        var classifier = catalog.Get("world");
        using var generator = new Generator(4);
        using var x = rand(new long[] { 1, 3, classifier.InputSize, classifier.InputSize }, generator: generator);
        float[] Map() => new RobustPerturbationMethod(new RpOptions { Iterations = 60 }, new RpLiveSwitches(new RpSwitches()))
            .FinalFrame(new ExplanationRequest(classifier, x, 2, [], 0)).Map;
        var quiet = Map();
        var again = Map();
        using var stop = new CancellationTokenSource();
        var neighbour = new Thread(() =>
        {
            using var y = rand(4, 3, classifier.InputSize, classifier.InputSize);
            while (!stop.IsCancellationRequested)
            {
                using var scope = NewDisposeScope();
                using var noGrad = no_grad();
                classifier.Logits(y).sum().item<float>();
            }
        });
        neighbour.Start();
        var busy = Map();
        stop.Cancel();
        neighbour.Join();
        output.WriteLine($"quiet vs again: max |d| {quiet.Zip(again, (a, b) => Math.Abs(a - b)).Max()}; quiet vs busy neighbour: max |d| {quiet.Zip(busy, (a, b) => Math.Abs(a - b)).Max()}");
        Assert.Equal(quiet, again);
        Assert.Equal(quiet, busy);
    }
}
