namespace RpPlayground.Core.Torch;

/// <summary>Where tensors live and how many CPU threads LibTorch may use; bound from configuration section "Torch".</summary>
public sealed record TorchOptions
{
    /// <summary><c>auto</c> (CUDA when present, else CPU), <c>cpu</c> or <c>cuda</c> (or <c>cuda:N</c>).</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Intra-op threads for LibTorch on the CPU; 0 means one per logical processor.</summary>
    public int Threads { get; init; }
}
