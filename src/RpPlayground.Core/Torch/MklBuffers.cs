using System.Runtime.InteropServices;

namespace RpPlayground.Core.Torch;

/// <summary>
/// Turns off the buffer pool of Intel MKL, which LibTorch's CPU library carries inside it and ATen's own convolutions
/// (oneDNN being off, see <see cref="OneDnn"/>) multiply through. MKL's allocator keeps every thread's matrix
/// multiplication buffers for that thread's next call and never gives them back; in a site the run threads and each of
/// their OpenMP team threads reach it, so its memory grew as more of them took jobs. Measured with heaptrack on six deletion games on darknet-tiny: 72 MB more held by MKL's allocator
/// at the end than at the start, the whole of the C heap's growth. Without the pool MKL allocates its buffers from the C
/// heap for each call and frees them after it; the optimiser's speed did not change measurably (MP on darknet-tiny,
/// <c>rp bench explain</c>: 35.3 ms a step with the pool, 35.8 without). <c>RP_MKL_POOL=1</c> in the environment keeps
/// the pool.
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
