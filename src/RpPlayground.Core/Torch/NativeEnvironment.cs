using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RpPlayground.Core.Torch;

/// <summary>
/// Native settings that must be in the process environment before LibTorch's first operation, set when this assembly
/// loads. LibTorch 2.10's oneDNN convolutions computed wrong results with their AVX-512 kernels on this project's
/// AMD EPYC machines (the committed world model scored mAP 0.635 instead of 0.998 on 100 scenes, and RP's masks
/// turned NaN); capping oneDNN at AVX2 gives the right results there and changes nothing on CPUs without AVX-512.
/// A value already set in the environment is kept, so <c>DNNL_MAX_CPU_ISA=ALL</c> restores the default. Then
/// <see cref="OneDnn"/> turns oneDNN off altogether (its AVX2 kernels still gave a NaN now and then); the cap
/// matters only where <c>RP_ONEDNN=1</c> keeps it on. <see cref="CpuKernels"/> pins ATen's and MKL's vector kernels to
/// AVX2, and <see cref="MklBuffers"/> turns MKL's per-thread buffer pool off. And LibTorch's OpenMP threads wait
/// passively (<c>OMP_WAIT_POLICY=PASSIVE</c>): by default each waits for the next parallel region by spinning, and on a
/// machine with other work (concurrent runs, another process) a spinning team waits for a member the scheduler has put
/// aside. Measured on 2 cores beside one <c>yes</c> (<c>rp bench forward --model world</c>, median ms, two runs each):
/// forward+backward at batch 1 8.8-10.7 with this setting, 47.7-91.6 with <c>OMP_WAIT_POLICY=ACTIVE</c>; at batch 2
/// 16.2-16.4 against 153-181. On an idle machine the two were within the noise (world forward+backward at batch 1
/// 6.4-6.5 / 6.8-7.7 ms; darknet-tiny 47-54 / 59-70 ms at batch 1, 97-110 / 105-108 at batch 2).
/// </summary>
public static class NativeEnvironment
{
    /// <summary>The variable and the value the project starts LibTorch with.</summary>
    public const string OneDnnIsaVariable = "DNNL_MAX_CPU_ISA", OneDnnIsa = "AVX2";

    /// <summary>OpenMP's variable for how its threads wait between parallel regions, and the project's value.</summary>
    public const string OpenMpWaitVariable = "OMP_WAIT_POLICY", OpenMpWait = "PASSIVE";

#pragma warning disable CA2255  // deliberate: whichever code touches LibTorch first, this assembly's setting is in place
    [ModuleInitializer]
    internal static void Apply()
    {
        Default(OneDnnIsaVariable, OneDnnIsa);
        Default(OpenMpWaitVariable, OpenMpWait);
        if (CpuKernels.CanPin)
        {
            Default(CpuKernels.AtenVariable, CpuKernels.AtenKernels);
            Default(CpuKernels.MklVariable, CpuKernels.MklKernels);
        }
        OneDnn.Apply();
        MklBuffers.Apply();
    }
#pragma warning restore CA2255

    // Sets a variable that is not set yet. .NET's Environment.SetEnvironmentVariable changes only the managed copy on
    // Unix; the native libraries read the C environment.
    static void Default(string variable, string value)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = SetEnv(variable, value, overwrite: 0);
        else if (Environment.GetEnvironmentVariable(variable) is null) Environment.SetEnvironmentVariable(variable, value);
    }

    /// <summary>The value oneDNN will read, from the C environment.</summary>
    public static string? OneDnnIsaInEffect => InEffect(OneDnnIsaVariable);

    /// <summary>A variable's value as the native libraries read it (the C environment on Unix), or null.</summary>
    internal static string? InEffect(string variable) =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? Marshal.PtrToStringAnsi(GetEnv(variable)) : Environment.GetEnvironmentVariable(variable);

    [DllImport("libc", EntryPoint = "setenv")]
    static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    static extern IntPtr GetEnv(string name);
}
