using System.Runtime.CompilerServices;
using RpPlayground.Core.Torch;

namespace RpPlayground.Tests.Shared;

/// <summary>
/// Compiled into the test projects that call LibTorch in their own process (Core.Tests, Web.Tests). Runs Core's native set-up (<see cref="NativeEnvironment"/>) when this test assembly loads, before any test can call
/// TorchSharp directly: oneDNN reads its instruction-set cap once, at its first use, whichever test that is.
/// </summary>
static class NativeSetup
{
#pragma warning disable CA2255  // deliberate: the setting must precede every test's first LibTorch call
    [ModuleInitializer]
    internal static void Apply() => RuntimeHelpers.RunModuleConstructor(typeof(NativeEnvironment).Module.ModuleHandle);
#pragma warning restore CA2255
}
