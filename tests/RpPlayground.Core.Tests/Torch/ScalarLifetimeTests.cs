using RpPlayground.Tests.Shared;

namespace RpPlayground.Core.Tests.Torch;

public class ScalarLifetimeTests
{
    [Fact]
    public void CoreHandsLibTorchNoScalarThatAnotherThreadsCollectionCouldFree()
    {
        var racing = ScalarRaceScanner.Find(typeof(RpPlayground.Core.Methods.MethodCatalog).Assembly);
        Assert.True(racing.Count == 0, string.Join(Environment.NewLine, racing));
        Assert.True(ScalarRaceScanner.TorchSharpCalls(typeof(RpPlayground.Core.Methods.MethodCatalog).Assembly) > 0, "the scan read no calls into TorchSharp");
    }

    [Fact]
    public void TheScannerFindsAnImplicitScalarAnOperatorWithANumberAndTorchSharpsAdam() =>
        Assert.Equal(3, ScalarRaceScanner.Find(typeof(ScalarLifetimeTests).Assembly).Count(c => c.StartsWith(typeof(Racing).FullName!, StringComparison.Ordinal)));

    /// <summary>Three calls the scanner must find (never run).</summary>
    static class Racing
    {
        public static void Calls(TorchSharp.torch.Tensor x, TorchSharp.Modules.Parameter p)
        {
            x.mul(2.0);
            _ = x * 3.0;
            TorchSharp.torch.optim.Adam([p], 0.1);
        }
    }
}
