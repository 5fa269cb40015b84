using System.CommandLine;
using RpPlayground.Core.Models;

namespace RpPlayground.Cli.Commands;

/// <summary><c>rp models</c>: the declared models and whether each is available here.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Configuration file with the Models section (default: the site's appsettings.json)." };
        var command = new Command("models", "List the declared models and whether each can be used here.") { config };
        command.SetAction(parse => Run(parse.GetValue(config)));
        return command;
    }

    /// <param name="config">The configuration file (null: the site's appsettings.json).</param>
    public static int Run(string? config)
    {
        var settings = CliSettings.Load(config);
        var catalog = new ModelCatalog(settings.Models, TorchSharp.torch.CPU);
        Console.WriteLine($"{"id",-16} {"state",-12} {"input",-6} {"output",-8} name");
        foreach (var entry in catalog.Entries)
        {
            var spec = entry.Spec;
            var state = entry.IsAvailable ? (spec.Id == catalog.DefaultId ? "default" : "available") : "unavailable";
            Console.WriteLine($"{spec.Id,-16} {state,-12} {spec.InputSize,-6} {spec.Output.ToString().ToLowerInvariant(),-8} {spec.DisplayName}");
            if (!entry.IsAvailable) Console.WriteLine($"{"",-16} reason: {entry.Problem}");
        }
        return ExitCodes.Success;
    }
}
