using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Torch;

/// <summary>
/// The one entry point to LibTorch: <see cref="Initialize"/> makes the native set-up (<see cref="NativeEnvironment"/>),
/// then picks the device and the thread count once, from <see cref="TorchOptions"/>. The site, the worker, the CLI and
/// the test assemblies call it before their first tensor.
/// </summary>
public sealed class TorchRuntime
{
    static readonly Lock Gate = new();
    static TorchRuntime? current;

    TorchRuntime(Device device, int threads)
    {
        Device = device;
        Threads = threads;
    }

    /// <summary>The device every model and tensor of this process uses.</summary>
    public Device Device { get; }

    /// <summary>LibTorch's intra-op thread count.</summary>
    public int Threads { get; }

    /// <summary>A line for the start-up log.</summary>
    public string Description => $"TorchSharp on {Device.type.ToString().ToLowerInvariant()}{(Device.type == DeviceType.CUDA ? $":{Device.index}" : "")}, {Threads} CPU thread(s), LibTorch {__version__}, {(OneDnn.InUse == false ? "oneDNN off (ATen's own convolutions)" : $"oneDNN up to {NativeEnvironment.OneDnnIsaInEffect ?? "all"} instructions")}, kernels {CpuKernels.InEffect}; processor {CpuKernels.Machine}";

    /// <summary>Sets LibTorch up the first time; later calls return the same runtime (the first options win).</summary>
    /// <exception cref="InvalidOperationException">LibTorch was loaded before the first call.</exception>
    /// <exception cref="Core.InvalidRequestException">The device is not one of auto, cpu, cuda, cuda:N, or CUDA was asked for but is absent.</exception>
    public static TorchRuntime Initialize(TorchOptions options)
    {
        lock (Gate)
        {
            if (current is not null) return current;
            NativeEnvironment.Apply();
            var device = ResolveDevice(options.Device);
            var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
            set_num_threads(threads);
            current = new TorchRuntime(device, threads);
            return current;
        }
    }

    /// <summary>Turns a configured device name into a LibTorch device.</summary>
    public static Device ResolveDevice(string name)
    {
        var text = (name ?? "").Trim().ToLowerInvariant();
        return text switch
        {
            "" or "auto" => cuda.is_available() ? CUDA : CPU,
            "cpu" => CPU,
            _ when text == "cuda" || text.StartsWith("cuda:", StringComparison.Ordinal) => cuda.is_available()
                ? new Device(text)
                : throw new Core.InvalidRequestException($"Device '{name}' was asked for, but no CUDA device is available (a CPU build, or no GPU; see the README, 'CUDA')."),
            _ => throw new Core.InvalidRequestException($"Unknown device '{name}': use auto, cpu, cuda or cuda:N."),
        };
    }
}
