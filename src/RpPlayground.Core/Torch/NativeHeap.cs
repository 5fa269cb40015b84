using System.Runtime.InteropServices;

namespace RpPlayground.Core.Torch;

/// <summary>
/// The C heap that LibTorch allocates its CPU tensors from (glibc's malloc on Linux). Freed tensors stay resident in
/// the heap's arenas until <see cref="ReturnFree"/> calls <c>malloc_trim</c>, which reaches the whole heap only when it
/// has one arena: glibc reads <c>MALLOC_ARENA_MAX</c> only as the process starts, so every launcher sets it to 1
/// (docs/internals.md, "Memory that stays"). <see cref="ReturnFree"/> also empties ImageSharp's pool of picture
/// buffers, allocated from this heap. Elsewhere than glibc the members do nothing and say so.
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

    /// <summary>The heap's arenas now (glibc's <c>malloc_info</c>); null off glibc.</summary>
    public static int? Arenas()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var locations = Marshal.AllocHGlobal(2 * IntPtr.Size);  // open_memstream writes the buffer and its size here when the stream closes
        try
        {
            var stream = OpenMemoryStream(locations, locations + IntPtr.Size);
            if (stream == IntPtr.Zero) return null;
            _ = MallocInfo(0, stream);
            _ = CloseStream(stream);
            var buffer = Marshal.ReadIntPtr(locations);
            try
            {
                var xml = Marshal.PtrToStringAnsi(buffer, (int)Marshal.ReadIntPtr(locations + IntPtr.Size)) ?? "";
                return xml.Split("<heap nr=").Length - 1;
            }
            finally
            {
                Free(buffer);
            }
        }
        catch (Exception e) when (NativeSymbols.Missing(e))
        {
            return null;
        }
        finally
        {
            Marshal.FreeHGlobal(locations);
        }
    }

    [DllImport("libc", EntryPoint = "malloc_info")]
    static extern int MallocInfo(int options, IntPtr stream);

    [DllImport("libc", EntryPoint = "open_memstream")]
    static extern IntPtr OpenMemoryStream(IntPtr bufferLocation, IntPtr sizeLocation);

    [DllImport("libc", EntryPoint = "fclose")]
    static extern int CloseStream(IntPtr stream);

    [DllImport("libc", EntryPoint = "free")]
    static extern void Free(IntPtr block);

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
