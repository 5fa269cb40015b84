using System.Runtime.Intrinsics.X86;

namespace RpPlayground.Core.Torch;

/// <summary>
/// Which vector kernels LibTorch's CPU operations and MKL's matrix products run. They decide how sums are rounded, and
/// 150 optimisation steps carry a rounding difference far, so the project pins both to their AVX2 kernels on every CPU
/// with AVX2 and FMA (<c>ATEN_CPU_CAPABILITY=avx2</c>, <c>MKL_CBWR=AVX2</c>): a run's numbers are then the same on any
/// such x86 server (docs/internals.md, "Same numbers on every x86 server"). A value already in the environment is kept.
/// </summary>
public static class CpuKernels
{
    /// <summary>ATen's variable and the kernels it is pinned to.</summary>
    public const string AtenVariable = "ATEN_CPU_CAPABILITY", AtenKernels = "avx2";

    /// <summary>MKL's variable and the code branch it is pinned to.</summary>
    public const string MklVariable = "MKL_CBWR", MklKernels = "AVX2";

    /// <summary>Whether this CPU runs the pinned kernels (AVX2 and FMA); elsewhere nothing is pinned.</summary>
    internal static bool CanPin => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>The kernels in effect, for the start-up log: "ATen avx2, MKL AVX2", or "auto" where a library chooses.</summary>
    public static string InEffect =>
        $"ATen {NativeEnvironment.InEffect(AtenVariable) ?? "auto"}, MKL {NativeEnvironment.InEffect(MklVariable) ?? "auto"}";

    /// <summary>
    /// The machine as far as its arithmetic goes: the processor's model name (Linux) and the vector kernels its
    /// arithmetic runs: AVX2 where both libraries are pinned to it (whatever wider extension the CPU has), else its widest
    /// extension. A recording made on one machine is compared bit for bit only on a machine that says the same.
    /// </summary>
    public static string Machine => $"{Processor.Value}, {(Pinned ? "AVX2" : Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? "AVX2" : "no AVX2")}";

    static bool Pinned => string.Equals(NativeEnvironment.InEffect(AtenVariable), AtenKernels, StringComparison.OrdinalIgnoreCase)
        && string.Equals(NativeEnvironment.InEffect(MklVariable), MklKernels, StringComparison.OrdinalIgnoreCase);

    static readonly Lazy<string> Processor = new(ProcessorName);

    static string ProcessorName() => File.Exists("/proc/cpuinfo")
        ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown"
        : "unknown";
}
