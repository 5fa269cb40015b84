using RpPlayground.Core.Torch;

namespace RpPlayground.Core.Tests.Torch;

/// <summary>
/// The runtime's one entry point makes the native set-up before LibTorch loads (the test assembly's fixture calls it
/// first): the settings LibTorch reads once are in effect, a variable the environment already set is kept, and
/// LibTorch's presence, which would make <see cref="TorchRuntime.Initialize"/> refuse to set up too late, is seen.
/// </summary>
public sealed class NativeSetupTests
{
    [Fact]
    public void TheSetUpIsInEffectAndTheFirstOptionsWin()
    {
        var runtime = TorchRuntime.Initialize(new TorchOptions { Device = "cpu" });
        Assert.Same(runtime, TorchRuntime.Initialize(new TorchOptions { Device = "cpu", Threads = 1 }));
        Assert.Equal(false, OneDnn.InUse);
        Assert.Contains("oneDNN off", runtime.Description);
        if (!OperatingSystem.IsLinux()) return;

        Assert.True(NativeEnvironment.LibTorchLoaded());
        // Environment.GetEnvironmentVariable reads the environment the process started with; the set-up keeps those values.
        Assert.Equal(Environment.GetEnvironmentVariable(NativeEnvironment.OneDnnIsaVariable) ?? NativeEnvironment.OneDnnIsa, NativeEnvironment.OneDnnIsaInEffect);
        Assert.Equal(Environment.GetEnvironmentVariable(NativeEnvironment.OpenMpWaitVariable) ?? NativeEnvironment.OpenMpWait,
            NativeEnvironment.InEffect(NativeEnvironment.OpenMpWaitVariable));
        if (System.Runtime.Intrinsics.X86.Avx2.IsSupported && System.Runtime.Intrinsics.X86.Fma.IsSupported)
            Assert.Equal($"ATen {Environment.GetEnvironmentVariable(CpuKernels.AtenVariable) ?? CpuKernels.AtenKernels}, MKL {Environment.GetEnvironmentVariable(CpuKernels.MklVariable) ?? CpuKernels.MklKernels}",
                CpuKernels.InEffect);
        Assert.InRange(NativeHeap.Arenas()!.Value, 1, 1024);
    }
}
