using System.Runtime.InteropServices;

namespace RpPlayground.Core.Torch;

/// <summary>
/// The native set-up that must precede LibTorch's first operation, made by <see cref="TorchRuntime.Initialize"/> and by
/// nothing else: oneDNN capped at AVX2, OpenMP threads that wait passively, the CPU kernels pinned
/// (<see cref="CpuKernels"/>), oneDNN off (<see cref="OneDnn"/>) and MKL's buffer pool off (<see cref="MklBuffers"/>).
/// A variable already set in the environment is kept. Why each one, with the measurements: docs/internals.md,
/// "Native set-up".
/// </summary>
public static class NativeEnvironment
{
    /// <summary>The variable and the value the project starts LibTorch with.</summary>
    public const string OneDnnIsaVariable = "DNNL_MAX_CPU_ISA", OneDnnIsa = "AVX2";

    /// <summary>OpenMP's variable for how its threads wait between parallel regions, and the project's value.</summary>
    public const string OpenMpWaitVariable = "OMP_WAIT_POLICY", OpenMpWait = "PASSIVE";

    /// <summary>Makes the set-up; throws when LibTorch is in the process already, too late for the settings it reads once.</summary>
    internal static void Apply()
    {
        if (LibTorchLoaded())
            throw new InvalidOperationException("LibTorch was loaded before TorchRuntime.Initialize, too late for its native set-up (docs/internals.md): initialise the runtime before the first tensor.");
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

    /// <summary>Whether LibTorch's CPU library is mapped into this process (known on Linux only; false elsewhere).</summary>
    public static bool LibTorchLoaded() =>
        OperatingSystem.IsLinux() && File.ReadLines("/proc/self/maps").Any(line => line.Contains("libtorch_cpu", StringComparison.Ordinal));

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
    public static string? InEffect(string variable) =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? Marshal.PtrToStringAnsi(GetEnv(variable)) : Environment.GetEnvironmentVariable(variable);

    [DllImport("libc", EntryPoint = "setenv")]
    static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    static extern IntPtr GetEnv(string name);
}
