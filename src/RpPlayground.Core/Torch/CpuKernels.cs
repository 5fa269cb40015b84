using System.Runtime.Intrinsics.X86;

namespace RpPlayground.Core.Torch;

/// <summary>
/// Which vector kernels LibTorch's CPU operations and MKL's matrix products run. They decide how sums are rounded,
/// and an optimisation of 150 steps carries a rounding difference far: the gallery's RP runs on darknet-tiny ended
/// with tiger cat at 0.31 on this project's AMD EPYC machines with AVX-512 and at 0.21 on those without, whose ATen
/// runs its AVX2 kernels. So the project pins both libraries to their AVX2 kernels on every CPU that has AVX2 and FMA
/// (ATen's <c>ATEN_CPU_CAPABILITY=avx2</c>, MKL's conditional numerical reproducibility <c>MKL_CBWR=AVX2</c>),
/// so that a run's numbers are the same on any such x86 server: an AMD EPYC with AVX-512 under the pins computed every
/// method's frames on the fixed scene bit for bit as the AVX2 EPYC that recorded them (a machine with AVX-512 may be
/// slower under the pin). A value already in the environment is kept: <c>ATEN_CPU_CAPABILITY=avx512</c> and
/// <c>MKL_CBWR=AUTO</c> restore the defaults.
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
