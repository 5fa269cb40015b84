using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using RpPlayground.Runs;
using RpPlayground.Runs.Remote;

namespace RpPlayground.Cli.Commands;

/// <summary>
/// <c>rp worker --redis CONN --models world,darknet-tiny --device cuda:0</c>: runs explanation runs that web nodes
/// (<c>Runs:Backend = Redis</c>) put on Redis, until stopped (Ctrl+C or SIGTERM, which leaves its unfinished runs for
/// another worker). The configuration file gives the models and limits as for the site; the options override it. A
/// worker hosts the engine and the run service alone (RpPlayground.Runs): no pages, storage, uploads or gallery.
/// </summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var redis = new Option<string>("--redis") { Description = "The Redis server (StackExchange.Redis configuration, for example 127.0.0.1:6379).", Required = true };
        var models = new Option<string?>("--models") { Description = "Comma-separated model ids this worker runs (default: every available model)." };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto (default auto; CUDA needs the build with -p:TorchBackend=cuda).", DefaultValueFactory = _ => "auto" };
        var concurrent = new Option<int?>("--concurrent") { Description = "Runs at once on this worker (default Runs:MaxConcurrent)." };
        var name = new Option<string?>("--name") { Description = "This worker's name in /healthz (default host name and process id)." };
        var config = new Option<string?>("--config") { Description = "Configuration file (default: the site's appsettings.json)." };
        var command = new Command("worker", "Run explanation runs from Redis for web nodes with Runs:Backend = Redis.") { redis, models, device, concurrent, name, config };
        command.SetAction((parse, cancellation) => RunAsync(new Settings(parse.GetValue(redis)!, parse.GetValue(models), parse.GetValue(device)!,
            parse.GetValue(concurrent), parse.GetValue(name), parse.GetValue(config)), cancellation));
        return command;
    }

    /// <summary>What the options say.</summary>
    public sealed record Settings(string Redis, string? Models, string Device, int? Concurrent, string? Name, string? Config);

    /// <summary>Hosts the run service and the worker's loop until <paramref name="cancellation"/> fires (Ctrl+C, SIGTERM).</summary>
    public static async Task<int> RunAsync(Settings settings, CancellationToken cancellation)
    {
        var file = Path.GetFullPath(settings.Config ?? Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        if (!File.Exists(file)) throw new UsageException($"No configuration file at '{file}'.");
        var overrides = new Dictionary<string, string?>
        {
            ["Redis:Connection"] = settings.Redis,
            ["Torch:Device"] = settings.Device,
            ["Runs:Backend"] = "InProcess",  // a worker runs what it takes
        };
        if (settings.Concurrent is { } n) overrides["Runs:MaxConcurrent"] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Path.GetDirectoryName(file), DisableDefaults = true });
        builder.Configuration.AddJsonFile(file, optional: false).AddEnvironmentVariables().AddInMemoryCollection(overrides);
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        builder.Services.AddRpEngine(builder.Configuration);
        builder.Services.AddRpRuns(builder.Configuration);
        builder.Services.AddSingleton<IRunImages, CarriedImages>();  // a worker's runs carry their images
        builder.Services.AddSingleton(sp => Identity(sp, settings.Models, settings.Name));
        builder.Services.AddHostedService<RunWorker>();
        using var host = builder.Build();
        host.Services.GetRequiredService<WorkerIdentity>();  // unknown models stop the start with their message
        await host.RunAsync(cancellation);
        return ExitCodes.Success;
    }

    static WorkerIdentity Identity(IServiceProvider services, string? models, string? name)
    {
        var catalog = services.GetRequiredService<ModelCatalog>();
        var ids = models is null
            ? catalog.Entries.Where(e => e.IsAvailable).Select(e => e.Spec.Id).ToArray()
            : models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var id in ids)
            if (catalog.Find(id) is { IsAvailable: false } entry) throw new UsageException($"Model '{id}' is not available here: {entry.Problem}");
        if (ids.Length == 0) throw new UsageException("This worker has no model to run: name some with --models.");
        return new WorkerIdentity(name ?? $"{Environment.MachineName}-{Environment.ProcessId}", ids, services.GetRequiredService<TorchRuntime>().Description);
    }
}
