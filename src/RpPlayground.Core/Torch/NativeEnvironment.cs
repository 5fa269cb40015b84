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
/// matters only where <c>RP_ONEDNN=1</c> keeps it on. And <see cref="MklBuffers"/> turns MKL's per-thread buffer pool off.
/// </summary>
public static class NativeEnvironment
{
    /// <summary>The variable and the value the project starts LibTorch with.</summary>
    public const string OneDnnIsaVariable = "DNNL_MAX_CPU_ISA", OneDnnIsa = "AVX2";

#pragma warning disable CA2255  // deliberate: whichever code touches LibTorch first, this assembly's setting is in place
    [ModuleInitializer]
    internal static void Apply()
    {
        // .NET's Environment.SetEnvironmentVariable changes only the managed copy on Unix; oneDNN reads the C environment.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = SetEnv(OneDnnIsaVariable, OneDnnIsa, overwrite: 0);
        else if (Environment.GetEnvironmentVariable(OneDnnIsaVariable) is null) Environment.SetEnvironmentVariable(OneDnnIsaVariable, OneDnnIsa);
        OneDnn.Apply();
        MklBuffers.Apply();
    }
#pragma warning restore CA2255

    /// <summary>The value oneDNN will read, from the C environment.</summary>
    public static string? OneDnnIsaInEffect => Marshal.PtrToStringAnsi(GetEnv(OneDnnIsaVariable));

    [DllImport("libc", EntryPoint = "setenv")]
    static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    static extern IntPtr GetEnv(string name);
}
