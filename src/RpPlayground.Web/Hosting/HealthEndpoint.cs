using Microsoft.AspNetCore.Http.HttpResults;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using RpPlayground.Runs;
using RpPlayground.Runs.Remote;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Hosting;

/// <summary><c>GET /healthz</c>: the engine and the models, for monitors and for checking a fresh install.</summary>
public static class HealthEndpoint
{
    /// <summary>
    /// The body of a health answer: "ok", or "degraded" while Redis or the database does not answer; the engine and
    /// models, where runs run (<c>InProcess</c> or <c>Redis</c>, with whether Redis answers and the workers seen lately),
    /// the storage provider and whether it answers, and the process's memory.
    /// </summary>
    public sealed record Health(string Status, string Engine, string? DefaultModel, IReadOnlyList<ModelHealth> Models,
        string Backend, bool? RedisConnected, IReadOnlyList<WorkerBeat> Workers, string Storage, bool StorageAnswers, MemoryHealth Memory);

    /// <summary>
    /// Bytes resident, and the C heap LibTorch allocates from: in use by live allocations, and freed but kept by its
    /// arenas (resident until the heap is trimmed when the run queue falls idle), how many arenas it has (the trim
    /// reaches all of one arena only), and whether the process started with <c>MALLOC_ARENA_MAX=1</c>; the heap's are
    /// null off glibc.
    /// </summary>
    public sealed record MemoryHealth(long Resident, long? HeapInUse, long? HeapFreeInArenas, int? HeapArenas, bool? HeapOneArena);

    /// <summary>One model's state.</summary>
    public sealed record ModelHealth(string Id, bool Available, string? Problem);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", Answer);
        return endpoints;
    }

    static Ok<Health> Answer(TorchRuntime runtime, ModelCatalog catalog, RunOptions runs, RedisOptions redis, IPlaygroundStorage storage, IServiceProvider services)
    {
        var remote = services.GetService<RemoteRuns>();
        var storageAnswers = storage.Answers();
        return TypedResults.Ok(new Health(
            (remote is null || remote.Connected) && storageAnswers ? "ok" : "degraded",
            runtime.Description,
            catalog.DefaultId,
            catalog.Entries.Select(e => new ModelHealth(e.Spec.Id, e.IsAvailable, e.Problem)).ToArray(),
            runs.Backend,
            remote?.Connected,
            remote?.Workers(TimeSpan.FromSeconds(redis.WorkerSeenSeconds)) ?? [],
            storage.Provider,
            storageAnswers,
            Memory()));
    }

    static MemoryHealth Memory()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        var heap = NativeHeap.Use();
        return new MemoryHealth(process.WorkingSet64, heap?.InUse, heap?.FreeInArenas, NativeHeap.Arenas(), NativeHeap.OneArena);
    }
}
