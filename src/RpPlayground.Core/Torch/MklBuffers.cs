using System.Runtime.InteropServices;

namespace RpPlayground.Core.Torch;

/// <summary>
/// Turns off the buffer pool of the Intel MKL inside LibTorch's CPU library, which keeps every thread's matrix-product
/// buffers for that thread's next call and never gives them back (docs/internals.md, "Memory that stays").
/// <c>RP_MKL_POOL=1</c> in the environment keeps the pool.
/// </summary>
public static class MklBuffers
{
    /// <summary>The variable that keeps MKL's buffer pool when it is "1".</summary>
    public const string KeepVariable = "RP_MKL_POOL";

    /// <summary>Bytes that MKL's allocator holds now, in use or pooled; null where this LibTorch build has no MKL.</summary>
    public static long? Held
    {
        get
        {
            try
            {
                return MemStat(out _);
            }
            catch (Exception e) when (NativeSymbols.Missing(e))
            {
                return null;
            }
        }
    }

    /// <summary>Turns the pool off unless the environment keeps it; must run before LibTorch's first matrix product.</summary>
    internal static void Apply()
    {
        if (Environment.GetEnvironmentVariable(KeepVariable) == "1") return;
        try
        {
            _ = DisableFastMm();
        }
        catch (Exception e) when (NativeSymbols.Missing(e))
        {
            // A LibTorch without MKL (another platform or build): nothing to turn off; Held says null.
        }
    }

    [DllImport("libtorch_cpu", EntryPoint = "mkl_serv_disable_fast_mm")]
    static extern int DisableFastMm();

    [DllImport("libtorch_cpu", EntryPoint = "mkl_serv_mem_stat")]
    static extern long MemStat(out int buffers);
}
