using RpPlayground.Runs;
using RpPlayground.Runs.Configuration;
using RpPlayground.Web.Samples;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Hosting;

/// <summary>
/// Registers what the site runs on, from configuration: the engine and the run service (<see cref="RunsServiceExtensions"/>,
/// with the image library as the images runs name), the storage (SQLite or PostgreSQL) and its clean-up, the samples and
/// the gallery, the evaluation pages' service, the API's pictures of maps, and the idle trim of memory.
/// </summary>
public static class SiteServiceExtensions
{
    public static IServiceCollection AddRpSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRpEngine(configuration);
        services.AddRpRuns(configuration);
        services.AddSingleton<SampleCatalog>();
        services.AddValidatedOptions<StorageOptions>("Storage");
        services.AddSingleton<IPlaygroundStorage>(sp => sp.GetRequiredService<StorageOptions>() is { IsPostgres: true } storage
            ? new PostgresStorage(storage.Postgres!)
            : new SqliteStorage(sp.GetRequiredService<StorageOptions>().DatabasePath(sp.GetRequiredService<Core.Models.ModelCatalogOptions>().ResolveBaseDirectory())));
        services.AddSingleton<ImageStore>();
        services.AddHostedService<UploadRetentionService>();
        services.AddSingleton<SharedRunStore>();
        services.AddSingleton<ImageLibrary>();
        services.AddSingleton<IRunImages>(sp => sp.GetRequiredService<ImageLibrary>());
        services.AddSingleton<GalleryCatalog>();
        services.AddSingleton<Evaluation.EvaluationService>();
        services.AddSingleton<Api.MapPictures>();
        services.AddSingleton<IdleMemoryTrim>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleMemoryTrim>());
        return services;
    }
}
