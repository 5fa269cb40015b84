using Microsoft.Extensions.Configuration;
using RpPlayground.Core.Images;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using RpPlayground.Runs.Configuration;
using RpPlayground.Runs.Remote;
using RpPlayground.Runs.Rounds;
using RpPlayground.Runs.Scheduling;
using StackExchange.Redis;

namespace RpPlayground.Runs;

/// <summary>Registers the engine and the run service, from configuration, for the site and for <c>rp worker</c>.</summary>
public static class RunsServiceExtensions
{
    /// <summary>
    /// The engine: LibTorch's set-up (section "Torch"), the model catalog ("Models"), the image decoder and its limits
    /// ("Images"), and the clock.
    /// </summary>
    public static IServiceCollection AddRpEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(configuration.GetSection("Torch").Get<TorchOptions>() ?? new TorchOptions());
        services.AddSingleton(configuration.GetSection("Images").Get<ImageLimits>() ?? new ImageLimits());
        services.AddSingleton(configuration.GetSection("Models").Get<ModelCatalogOptions>() ?? new ModelCatalogOptions());
        services.AddSingleton(sp =>
        {
            var runtime = TorchRuntime.Initialize(sp.GetRequiredService<TorchOptions>());
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("RpPlayground");
            logger.LogInformation("Engine: {Runtime}", runtime.Description);
            if (NativeHeap.OneArena == false)
                logger.LogWarning("{Variable} is not 1: memory that jobs free on the run threads stays resident in glibc's per-thread arenas after the jobs end. Start the site with {Variable}=1 (the launch profile does).",
                    NativeHeap.ArenaVariable, NativeHeap.ArenaVariable);
            return runtime;
        });
        services.AddSingleton(sp => new ModelCatalog(sp.GetRequiredService<ModelCatalogOptions>(), sp.GetRequiredService<TorchRuntime>().Device));
        services.AddSingleton(sp => new ImageDecoder(sp.GetRequiredService<ImageLimits>()));
        return services;
    }

    /// <summary>
    /// The run service and its parts (section "Runs"): admission, the run threads and rounds, and the executor that
    /// <c>Runs:Backend</c> names, with Redis ("Redis") for <c>Redis</c> (its connection opens on first use, so nothing
    /// touches Redis in-process). The host registers the <see cref="IRunImages"/> its runs name.
    /// </summary>
    public static IServiceCollection AddRpRuns(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RunOptions>("Runs");
        services.AddValidatedOptions<RedisOptions>("Redis");
        services.AddSingleton<IConnectionMultiplexer>(sp => RedisConnection.Open(sp.GetRequiredService<RedisOptions>()));
        services.AddSingleton<RunRegistry>();
        services.AddSingleton(sp =>
        {
            _ = sp.GetRequiredService<TorchRuntime>();  // LibTorch is set up before the first job
            return ActivatorUtilities.CreateInstance<JobScheduler>(sp);
        });
        services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        services.AddSingleton<RoundThreads>();
        services.AddSingleton<InProcessExecutor>();
        if (UsesRedis(configuration))
        {
            services.AddSingleton<RemoteRuns>();
            services.AddSingleton<IRunExecutor>(sp => sp.GetRequiredService<RemoteRuns>());
        }
        else services.AddSingleton<IRunExecutor>(sp => sp.GetRequiredService<InProcessExecutor>());
        services.AddSingleton<RunService>();
        return services;
    }

    /// <summary>Whether this process sends its runs to workers through Redis (<c>Runs:Backend = Redis</c>).</summary>
    public static bool UsesRedis(IConfiguration configuration) =>
        string.Equals(configuration["Runs:Backend"], "Redis", StringComparison.OrdinalIgnoreCase);
}
