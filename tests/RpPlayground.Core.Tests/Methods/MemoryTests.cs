using System.Diagnostics;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>Runs leave no tensors behind: every iteration lives in a dispose scope.</summary>
[Collection(NativeStateCollection.Name)]
public sealed class MemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AHundredRunsLeaveNoLiveTensorsAndLittleNativeMemory()
    {
        using var classifier = TinyClassifier.Create(size: 32, classes: 8);
        using var generator = new Generator(1);  // kept alive: LibTorch reads it during the call
        var x = rand(new long[] { 1, 3, 32, 32 }, generator: generator);
        var options = new RpOptions { Iterations = 30 };
        // Warm up first: LibTorch's and glibc's allocators grow to their working size over the first runs (measured on
        // the world model: +127 MB after 25 runs, then +134 MB after 100 and after 200, so no growth per run).
        for (var run = 0; run < 10; run++) await RunOnce();
        GC.Collect();
        var liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var memoryBefore = NativeBytes();
        for (var run = 0; run < 100; run++) await RunOnce();
        GC.Collect();
        var liveAfter = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var growth = (NativeBytes() - memoryBefore) / (1024.0 * 1024.0);
        output.WriteLine($"100 runs of 30 iterations: live tensors {liveBefore} -> {liveAfter}, native memory growth {growth:0.0} MB " +
            $"(working set {Process.GetCurrentProcess().WorkingSet64 / 1048576.0:0} MB, managed heap committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:0} MB)");
        Assert.Equal(liveBefore, liveAfter);
        Assert.True(growth < 50, $"native memory grew {growth:0.0} MB");
        x.Dispose();

        async Task RunOnce()
        {
            foreach (var _ in new RobustPerturbationMethod(options, new RpLiveSwitches(new RpSwitches())).Run(new ExplanationRequest(classifier, x, 2, [], 0), TestContext.Current.CancellationToken)) { }
        }
    }

    [Fact]
    public void TwoHundredRunsInRoundsOfFourLeaveNoLiveTensorsAndLittleNativeMemory()
    {
        using var classifier = TinyClassifier.Create(size: 32, classes: 8);
        using var generator = new Generator(2);
        using var images = rand(new long[] { 4, 3, 32, 32 }, generator: generator);
        for (var round = 0; round < 5; round++) FourTogether();  // warm up, as above
        GC.Collect();
        var liveBefore = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var memoryBefore = NativeBytes();
        for (var round = 0; round < 50; round++) FourTogether();
        var liveAfter = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var growth = (NativeBytes() - memoryBefore) / (1024.0 * 1024.0);
        output.WriteLine($"200 runs of 30 iterations in rounds of four: live tensors {liveBefore} -> {liveAfter}, native memory growth {growth:0.0} MB");
        Assert.Equal(liveBefore, liveAfter);
        Assert.True(growth < 50, $"native memory grew {growth:0.0} MB");

        void FourTogether()
        {
            using var scope = NewDisposeScope();  // the image slices
            var runs = Enumerable.Range(0, 4).Select(i => new RobustPerturbationMethod(new RpOptions { Iterations = 30 }, new RpLiveSwitches(new RpSwitches()))
                .Begin(new ExplanationRequest(classifier, images[i..(i + 1)], i, [], i))).ToArray();
            try
            {
                Core.Methods.Masks.MaskRound.ToTheEnd(runs);
            }
            finally
            {
                foreach (var run in runs) run.Dispose();
            }
        }
    }

    // Native memory: the process's resident set less what the managed heap has committed.
    static long NativeBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 - GC.GetGCMemoryInfo().TotalCommittedBytes;
    }
}
