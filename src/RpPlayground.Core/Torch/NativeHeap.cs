using System.Runtime.InteropServices;

namespace RpPlayground.Core.Torch;

/// <summary>
/// The C heap that LibTorch allocates its CPU tensors from (glibc's malloc on Linux). A large job (a deletion game's
/// batches of 224x224 images, RISE's masks) frees its tensors into the heap's arenas, and glibc keeps those pages
/// resident for the next allocation; only <c>malloc_trim</c> hands free pages in the middle of an arena back to the
/// system. <see cref="ReturnFree"/> calls it: cheap when the heap is small, a walk over every free chunk when it is
/// large, so callers run it when a burst of work has ended, not after every step. It reaches the whole heap only when
/// the heap has one arena (<see cref="OneArena"/>): each further arena (glibc makes one per thread, up to eight per
/// core) keeps the free block at its top, up to 64 MB of it, which <c>malloc_trim</c> leaves alone (glibc's
/// <c>mtrim</c> trims only the main arena's top). Measured on six deletion games on darknet-tiny: resident memory
/// 328-397 MB after them against 302 before with the default arenas, 272-280 against 265 with one, the games as fast.
/// glibc reads the limit only when the process starts, so the launch profile and every process the project starts
/// set <c>MALLOC_ARENA_MAX=1</c>. ImageSharp 2 keeps the buffers of decoded pictures in a pool of its own, allocated
/// from this heap: <see cref="ReturnFree"/> empties that pool first (four 25-megapixel decodes left 781 MB resident a
/// minute later, 348 MB of it free in the arenas). Elsewhere than glibc the members do nothing and say so.
/// </summary>
public static class NativeHeap
{
    /// <summary>glibc's variable for the most arenas its heap may have, read once when the process starts.</summary>
    public const string ArenaVariable = "MALLOC_ARENA_MAX";

    /// <summary>Whether this process started with a one-arena heap (<c>MALLOC_ARENA_MAX=1</c>); null off Linux.</summary>
    public static bool? OneArena => OperatingSystem.IsLinux() ? Environment.GetEnvironmentVariable(ArenaVariable) == "1" : null;

    /// <summary>The heap's bytes in use by live allocations (large blocks mapped on their own included) and held free in its arenas; null off glibc.</summary>
    public static HeapUse? Use()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            var info = MallInfo2();
            return new HeapUse(InUse: (long)(info.Uordblks + info.Hblkhd), FreeInArenas: (long)info.Fordblks);
        }
        catch (Exception e) when (NativeSymbols.Missing(e))
        {
            return null;  // a C library without mallinfo2 (musl, glibc before 2.33)
        }
    }

    /// <summary>Pictures of at least this many pixels are worth a <see cref="ReturnFree"/> once they are gone (a decode of 4 megapixels takes about 48 MB).</summary>
    public const long LargePicture = 4_000_000;

    /// <summary>Gives ImageSharp's pooled buffers and then the heap's free pages back to the system; whether any pages were given (false off glibc).</summary>
    public static bool ReturnFree()
    {
        SixLabors.ImageSharp.Memory.MemoryAllocator.Default.ReleaseRetainedResources();
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallocTrim(0) == 1;
        }
        catch (Exception e) when (NativeSymbols.Missing(e))
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
