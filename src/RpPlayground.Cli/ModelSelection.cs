using System.CommandLine;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;

namespace RpPlayground.Cli;

/// <summary>The options every model-using command shares: a declared model by id, or an ONNX file with its labels.</summary>
public sealed class ModelSelection
{
    public Option<string?> Config { get; } = new("--config") { Description = "Configuration file with the Models and Torch sections (default: the site's appsettings.json)." };
    public Option<string?> Device { get; } = new("--device") { Description = "auto, cpu, cuda or cuda:N (default: the configuration's Torch:Device)." };
    public Option<int?> Threads { get; } = new("--threads") { Description = "LibTorch CPU threads (default: the configuration's, else one per core)." };
    public Option<string?> Model { get; } = new("--model", "-m") { Description = "Id of a declared model (see 'rp models')." };
    public Option<string?> Onnx { get; } = new("--onnx") { Description = "An ONNX classifier file to use instead of a declared model." };
    public Option<string?> Labels { get; } = new("--labels") { Description = "With --onnx: a text file with one class label a line." };
    public Option<int> Size { get; } = new("--size") { Description = "With --onnx: side of the square input in pixels.", DefaultValueFactory = _ => 224 };
    public Option<string> Normalize { get; } = new("--normalize") { Description = "With --onnx: unit ([0,1] pixels) or imagenet.", DefaultValueFactory = _ => "unit" };
    public Option<OutputKind> Output { get; } = new("--output") { Description = "With --onnx: softmax (single-label) or sigmoid (multi-label).", DefaultValueFactory = _ => OutputKind.Softmax };

    public ModelSelection()
    {
        Normalize.AcceptOnlyFromAmong("unit", "imagenet");
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, Onnx, Labels, Size, Normalize, Output, Config, Device, Threads })
            command.Options.Add(option);
    }

    /// <summary>What the options say, for the command's run.</summary>
    public ModelChoice Read(ParseResult parse) => new(parse.GetValue(Config), parse.GetValue(Device), parse.GetValue(Threads), parse.GetValue(Model),
        parse.GetValue(Onnx), parse.GetValue(Labels), parse.GetValue(Size), parse.GetValue(Normalize)!, parse.GetValue(Output));
}

/// <summary>A model as the command line chose it: a declared one by id (or the default), or an ONNX file with its labels.</summary>
public sealed record ModelChoice(string? Config, string? Device, int? Threads, string? Model, string? Onnx, string? Labels, int Size, string Normalize, OutputKind Output)
{
    /// <summary>The configuration file these options name (by default the site's appsettings.json).</summary>
    public CliSettings LoadSettings() => CliSettings.Load(Config);

    /// <summary>Starts LibTorch as configured and loads the chosen classifier; the caller disposes it.</summary>
    public ImageClassifier Open(string? fallbackId = null) => Open(LoadSettings(), fallbackId);

    /// <summary>Loads the chosen classifier with configuration the command has already read.</summary>
    public ImageClassifier Open(CliSettings settings, string? fallbackId = null)
    {
        var runtime = StartTorch(settings);
        if (Model is not null && Onnx is not null) throw new UsageException("Give either --model or --onnx, not both.");
        if (Onnx is not null)
        {
            var labels = Labels ?? throw new UsageException("--onnx needs --labels FILE (one class label a line).");
            if (Size is < 16 or > 1024) throw new UsageException($"--size {Size} is outside 16..1024.");
            var spec = new ModelSpec
            {
                Id = Path.GetFileNameWithoutExtension(Onnx), File = Path.GetFullPath(Onnx), Labels = Path.GetFullPath(labels),
                InputSize = Size, Normalize = Normalize, Output = Output,
            };
            return ModelCatalog.LoadFiles(spec, runtime.Device);
        }
        var catalog = new ModelCatalog(settings.Models, runtime.Device);
        var chosen = Model ?? fallbackId ?? catalog.DefaultId ?? throw new UsageException("No model is available; declare one in the configuration or give --onnx.");
        return catalog.LoadCopy(chosen);
    }

    /// <summary>Starts LibTorch with the device and threads from the command line, else from the configuration.</summary>
    public TorchRuntime StartTorch(CliSettings settings) => TorchRuntime.Initialize(settings.Torch with
    {
        Device = Device ?? settings.Torch.Device,
        Threads = Threads ?? settings.Torch.Threads,
    });
}
