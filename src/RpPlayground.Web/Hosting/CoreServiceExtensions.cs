using RpPlayground.Core.Images;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Runs.Remote;
using StackExchange.Redis;
using RpPlayground.Web.Samples;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Hosting;

/// <summary>
/// Registers the engine (LibTorch set-up, the model catalog, the image decoder), the run service and the storage, from
/// configuration; with <c>Runs:Backend = Redis</c>, the connection to Redis and the remote runs (the connection opens on
/// first use, so nothing touches Redis in the default, in-process mode).
/// </summary>
public static class CoreServiceExtensions
{
    public static IServiceCollection AddRpCore(this IServiceCollection services, IConfiguration configuration)
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
        services.AddValidatedOptions<RunOptions>("Runs");
        services.AddSingleton<SampleCatalog>();
        services.AddValidatedOptions<StorageOptions>("Storage");
        services.AddSingleton<IPlaygroundStorage>(sp => sp.GetRequiredService<StorageOptions>() is { IsPostgres: true } storage
            ? new PostgresStorage(storage.Postgres!)
            : new SqliteStorage(sp.GetRequiredService<StorageOptions>().DatabasePath(sp.GetRequiredService<ModelCatalogOptions>().ResolveBaseDirectory())));
        services.AddSingleton<ImageStore>();
        services.AddHostedService<UploadRetentionService>();
        services.AddSingleton<SharedRunStore>();
        services.AddSingleton<ImageLibrary>();
        services.AddSingleton<Api.MapPictures>();
        services.AddSingleton<GalleryCatalog>();
        services.AddSingleton<RpPlayground.Web.Evaluation.EvaluationService>();
        services.AddValidatedOptions<RedisOptions>("Redis");
        services.AddSingleton<IConnectionMultiplexer>(sp => RedisConnection.Open(sp.GetRequiredService<RedisOptions>()));
        if (UsesRedis(configuration)) services.AddSingleton<RemoteRuns>();
        services.AddSingleton<RunService>();
        services.AddHostedService(sp => sp.GetRequiredService<RunService>());
        services.AddSingleton<IdleMemoryTrim>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleMemoryTrim>());
        return services;
    }

    /// <summary>Whether this web node sends its runs to workers through Redis (<c>Runs:Backend = Redis</c>).</summary>
    public static bool UsesRedis(IConfiguration configuration) =>
        string.Equals(configuration["Runs:Backend"], "Redis", StringComparison.OrdinalIgnoreCase);
}
