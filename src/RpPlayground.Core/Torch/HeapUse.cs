namespace RpPlayground.Core.Torch;

/// <summary>What <see cref="NativeHeap.Use"/> reads from the C heap, in bytes.</summary>
/// <param name="InUse">Held by live allocations (LibTorch's tensors among them), mapped blocks included.</param>
/// <param name="FreeInArenas">Freed but kept by the heap's arenas (resident where it was touched, until trimmed).</param>
public sealed record HeapUse(long InUse, long FreeInArenas);
