using RpPlayground.Core.Torch;

[assembly: Xunit.AssemblyFixture(typeof(RpPlayground.Tests.Shared.NativeSetup))]

namespace RpPlayground.Tests.Shared;

/// <summary>
/// Compiled into the test projects that call LibTorch in their own process (Core.Tests, Web.Tests). An assembly fixture:
/// xUnit makes it before the assembly's first test, so <see cref="TorchRuntime.Initialize"/> and its native set-up
/// precede every test's first LibTorch call (oneDNN reads its instruction-set cap once, at its first use, whichever
/// test that is); a site a test hosts later gets the same runtime. Not a module initializer: that loaded LibTorch in every start of the test process, including the runner's quick
/// query of the assembly's details, whose exit on a busy machine then outlasted xUnit's wait and failed the assembly
/// ("Test process did not return valid JSON").
/// </summary>
public sealed class NativeSetup
{
    public NativeSetup() => TorchRuntime.Initialize(new TorchOptions { Device = "cpu" });
}
