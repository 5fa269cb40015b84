using System.Runtime.InteropServices;
using TorchSharp;

namespace RpPlayground.Core.Torch;

/// <summary>
/// Turns LibTorch's oneDNN (and NNPACK) off, so that convolutions run on ATen's own CPU kernels: LibTorch 2.10's oneDNN
/// convolutions gave wrong results and NaN gradients on this project's machines (docs/internals.md, "oneDNN").
/// TorchSharp has no switch for it, so this calls <c>at::Context::setUserEnabledMkldnn(false)</c> directly.
/// <c>RP_ONEDNN=1</c> in the environment keeps oneDNN on.
/// </summary>
public static class OneDnn
{
    /// <summary>The variable that keeps oneDNN on when it is "1".</summary>
    public const string KeepVariable = "RP_ONEDNN";

    /// <summary>Whether LibTorch uses oneDNN now; null where this LibTorch build does not say.</summary>
    public static bool? InUse
    {
        get
        {
            try
            {
                return UserEnabledMkldnn(GlobalContext());
            }
            catch (Exception e) when (NativeSymbols.Missing(e))
            {
                return null;
            }
        }
    }

    /// <summary>Turns oneDNN off unless the environment keeps it; loads LibTorch if it is not loaded yet.</summary>
    internal static void Apply()
    {
        if (Environment.GetEnvironmentVariable(KeepVariable) == "1") return;
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            SetUserEnabledMkldnn(GlobalContext(), false);
            SetUserEnabledNnpack(GlobalContext(), false);
        }
        catch (Exception e) when (NativeSymbols.Missing(e))
        {
            // A LibTorch without these symbols (another build or platform): oneDNN stays as it is; InUse says so.
        }
    }

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    static extern IntPtr GlobalContext();

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledMkldnnEb")]
    static extern void SetUserEnabledMkldnn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context20setUserEnabledNNPACKEb")]
    static extern void SetUserEnabledNnpack(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [DllImport("libtorch_cpu", EntryPoint = "_ZNK2at7Context17userEnabledMkldnnEv")]
    [return: MarshalAs(UnmanagedType.U1)]
    static extern bool UserEnabledMkldnn(IntPtr context);
}
