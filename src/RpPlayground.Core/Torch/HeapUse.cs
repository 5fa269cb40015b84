namespace RpPlayground.Core.Torch;

/// <summary>What <see cref="NativeHeap.Use"/> reads from the C heap, in bytes.</summary>
/// <param name="InUse">Held by live allocations (LibTorch's tensors among them), mapped blocks included.</param>
/// <param name="FreeInArenas">Freed but kept by the heap's arenas (resident where it was touched, until trimmed).</param>
/// <param name="Mapped">Large blocks mapped on their own (given back to the system as soon as they are freed).</param>
public sealed record HeapUse(long InUse, long FreeInArenas, long Mapped);
