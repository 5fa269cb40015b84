using RpPlayground.Tests.Shared;

namespace RpPlayground.Web.Tests;

/// <summary>The site and the run service it hosts (and workers host) hand LibTorch no Scalar that another thread's collection could free.</summary>
public class ScalarLifetimeTests
{
    public static TheoryData<string> Assemblies => new("site", "runs");

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void NoScalarThatAnotherThreadsCollectionCouldFree(string which)
    {
        var assembly = which == "site" ? typeof(Program).Assembly : typeof(RpPlayground.Runs.RunService).Assembly;
        var racing = ScalarRaceScanner.Find(assembly);
        Assert.True(racing.Count == 0, string.Join(Environment.NewLine, racing));
        Assert.True(ScalarRaceScanner.TorchSharpCalls(assembly) > 0, "the scan read no calls into TorchSharp");
    }
}
