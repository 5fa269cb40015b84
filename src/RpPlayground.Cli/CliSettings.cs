using Microsoft.Extensions.Configuration;
using RpPlayground.Core.Images;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;

namespace RpPlayground.Cli;

/// <summary>The sections of the configuration file (by default the site's appsettings.json) that the command line uses.</summary>
public sealed record CliSettings(ModelCatalogOptions Models, TorchOptions Torch, ImageLimits Images)
{
    /// <summary>Reads <paramref name="path"/>, or the appsettings.json shipped beside the program when null.</summary>
    public static CliSettings Load(string? path)
    {
        var file = path ?? Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(file)) throw new UsageException($"No configuration file at '{file}'.");
        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddJsonFile(Path.GetFullPath(file), optional: false).Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw new UsageException($"The configuration file '{file}' is not valid JSON: {e.Message}");
        }
        return new CliSettings(
            configuration.GetSection("Models").Get<ModelCatalogOptions>() ?? new ModelCatalogOptions(),
            configuration.GetSection("Torch").Get<TorchOptions>() ?? new TorchOptions(),
            configuration.GetSection("Images").Get<ImageLimits>() ?? new ImageLimits());
    }
}
