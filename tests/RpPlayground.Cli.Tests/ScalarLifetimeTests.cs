using System.Runtime.Loader;
using RpPlayground.Tests.Shared;

namespace RpPlayground.Cli.Tests;

public sealed class ScalarLifetimeTests
{
    [Fact]
    public void TheCommandsHandLibTorchNoScalarThatAnotherThreadsCollectionCouldFree()
    {
        // rp.dll and its TorchSharp read in a load context of their own, resolved from rp's output folder (nothing runs).
        var folder = Path.GetDirectoryName(RpProcess.Program)!;
        var context = new AssemblyLoadContext("rp", isCollectible: true);
        context.Resolving += (c, name) => File.Exists(Path.Combine(folder, name.Name + ".dll")) ? c.LoadFromAssemblyPath(Path.Combine(folder, name.Name + ".dll")) : null;
        try
        {
            var rp = context.LoadFromAssemblyPath(RpProcess.Program);
            var racing = ScalarRaceScanner.Find(rp);
            Assert.True(racing.Count == 0, string.Join(Environment.NewLine, racing));
            Assert.True(ScalarRaceScanner.TorchSharpCalls(rp) > 0, "the scan read no calls into TorchSharp");
        }
        finally
        {
            context.Unload();
        }
    }
}
