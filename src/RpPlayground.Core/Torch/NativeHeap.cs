using System.Runtime.InteropServices;

namespace RpPlayground.Core.Torch;

/// <summary>
/// The C heap that LibTorch allocates its CPU tensors from (glibc's malloc on Linux). A large job (a deletion game's
/// batches of 224x224 images, RISE's masks) frees its tensors into the heap's arenas, and glibc keeps those pages
/// resident for the next allocation; only <c>malloc_trim</c> hands free pages in the middle of an arena back to the
/// system. <see cref="ReturnFree"/> calls it: cheap when the heap is small, a walk over every free chunk when it is
/// large, so callers run it when a burst of work has ended, not after every step. Elsewhere than glibc both members
/// do nothing and say so.
/// </summary>
public static class NativeHeap
{
    /// <summary>The heap's bytes in use by live allocations (large blocks mapped on their own included) and held free in its arenas; null off glibc.</summary>
    public static HeapUse? Use()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var info = MallInfo2();
            return new HeapUse(InUse: (long)(info.Uordblks + info.Hblkhd), FreeInArenas: (long)info.Fordblks);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;  // a C library without mallinfo2 (musl, glibc before 2.33)
        }
    }

    /// <summary>Gives the heap's free pages back to the system; whether any were given (false off glibc).</summary>
    public static bool ReturnFree()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    static extern int MallocTrim(nuint pad);

    [DllImport("libc", EntryPoint = "mallinfo2")]
    static extern MallInfo MallInfo2();

    // glibc's struct mallinfo2: ten size_t fields.
    [StructLayout(LayoutKind.Sequential)]
    struct MallInfo
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }
}
