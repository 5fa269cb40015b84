namespace RpPlayground.Core.Tests.Support;

/// <summary>Tests that count LibTorch's live tensors or process memory run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NativeStateCollection
{
    public const string Name = "native state";
}
