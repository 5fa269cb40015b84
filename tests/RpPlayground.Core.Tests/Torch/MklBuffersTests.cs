using RpPlayground.Core.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Torch;

/// <summary>
/// MKL's buffer pool is off (<see cref="MklBuffers"/>): convolutions on threads that never ran one before (as a run
/// thread taking its first job does) leave nothing held by MKL's allocator. With the pool on (<c>RP_MKL_POOL=1</c>) each
/// thread keeps its matrix product buffers, and this test fails.
/// </summary>
public class MklBuffersTests
{
    [Fact]
    public void ConvolutionsOnNewThreadsLeaveNothingInMklsAllocator()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the LibTorch build with MKL inside: Linux x64");
        Assert.NotNull(MklBuffers.Held);
        using var convolved = new CountdownEvent(3);
        using var checkedHeld = new ManualResetEventSlim();
        // The threads stay alive while the allocator is read, as run threads do between jobs.
        var threads = Enumerable.Range(0, 3).Select(_ => new Thread(() =>
        {
            Convolve();
            convolved.Signal();
            checkedHeld.Wait();
        })).ToArray();
        foreach (var thread in threads) thread.Start();
        convolved.Wait(TestContext.Current.CancellationToken);
        var held = MklBuffers.Held;
        checkedHeld.Set();
        foreach (var thread in threads) thread.Join();
        Assert.Equal(0, held);
    }

    // A darknet-tiny sized layer (16 channels of 112x112 into 32 with 3x3 filters), forward and backward: ATen's own
    // convolution multiplies its unfolded input through MKL's sgemm.
    static void Convolve()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        var input = randn([2, 16, 112, 112], generator: generator).requires_grad_();
        var weight = randn([32, 16, 3, 3], generator: generator).requires_grad_();
        var output = nn.functional.conv2d(input, weight, padding: [1, 1]);
        output.sum().backward();
        generator.Dispose();
    }
}
