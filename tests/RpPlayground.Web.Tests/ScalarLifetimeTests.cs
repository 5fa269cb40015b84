using RpPlayground.Tests.Shared;

namespace RpPlayground.Web.Tests;

public class ScalarLifetimeTests
{
    [Fact]
    public void TheSiteHandsLibTorchNoScalarThatAnotherThreadsCollectionCouldFree()
    {
        var racing = ScalarRaceScanner.Find(typeof(Program).Assembly);
        Assert.True(racing.Count == 0, string.Join(Environment.NewLine, racing));
        Assert.True(ScalarRaceScanner.TorchSharpCalls(typeof(Program).Assembly) > 0, "the scan read no calls into TorchSharp");
    }
}
