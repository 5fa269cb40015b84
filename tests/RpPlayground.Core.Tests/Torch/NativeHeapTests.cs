using System.Diagnostics;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Torch;

/// <summary>
/// The C heap under LibTorch's CPU tensors: freed tensors stay resident in the heap's arenas until
/// <see cref="NativeHeap.ReturnFree"/> hands their pages back. The freed tensors sit between small live ones, so the
/// heap cannot give them back by shrinking its top (as it would a free block at the end).
/// </summary>
public class NativeHeapTests
{
    const int Count = 400, Floats = 16 * 1024;  // 400 tensors of 64 KB (below glibc's 128 KB mapping threshold): 25 MB
    const long Bytes = (long)Count * Floats * sizeof(float);

    [Fact]
    public void FreedTensorsStayInTheHeapUntilTheirPagesAreGivenBack()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "glibc's heap: Linux only");
        var before = NativeHeap.Use();
        Assert.NotNull(before);
        var large = new List<Tensor>();
        var small = new List<Tensor>();
        try
        {
            for (var i = 0; i < Count; i++)
            {
                large.Add(zeros(Floats).add_(1f));  // written, so its pages are resident
                small.Add(zeros(4));
            }
            var held = NativeHeap.Use()!;
            Assert.True(held.InUse - before.InUse >= Bytes * 95 / 100, $"in use grew by {held.InUse - before.InUse} bytes for {Bytes} of tensors");

            foreach (var tensor in large) tensor.Dispose();
            var freed = NativeHeap.Use()!;
            Assert.True(freed.FreeInArenas - held.FreeInArenas >= Bytes * 95 / 100, $"free in arenas grew by {freed.FreeInArenas - held.FreeInArenas} bytes");
            var residentFreed = Resident();

            Assert.True(NativeHeap.ReturnFree());
            var given = residentFreed - Resident();
            Assert.True(given >= Bytes * 80 / 100, $"resident memory fell by {given} bytes after the trim, for {Bytes} freed");
        }
        finally
        {
            foreach (var tensor in large.Concat(small)) tensor.Dispose();
        }
    }

    static long Resident()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
