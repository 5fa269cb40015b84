namespace RpPlayground.Core.Torch;

/// <summary>The one test for "this native library or symbol is not here" (another platform, or a LibTorch or C library built otherwise), which the native settings and readings tolerate.</summary>
internal static class NativeSymbols
{
    /// <summary>Whether <paramref name="e"/> says a library or an entry point is missing.</summary>
    public static bool Missing(Exception e) => e is DllNotFoundException or EntryPointNotFoundException;
}
