using RpPlayground.Core.Torch;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Hosting;

/// <summary>
/// Gives memory back when the site falls idle. Work that is no job (uploads of large pictures, circuits opened and
/// closed, requests) leaves garbage that the managed heap keeps committed and freed pages that the C heap keeps
/// resident, and the trim at a job's end never sees it. Every <see cref="Every"/>, while no job is in flight and the
/// process has grown by <see cref="Growth"/> since the last trim: a full compacting collection (aggressive, so the
/// collector decommits what it freed) and <see cref="NativeHeap.ReturnFree"/> (ImageSharp's pool, the C heap's free pages).
/// </summary>
public sealed class IdleMemoryTrim(RunService runs, TimeProvider clock, ILogger<IdleMemoryTrim> logger) : BackgroundService
{
    /// <summary>How often the site looks whether it is idle and has grown.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(20);

    /// <summary>How much resident memory above the last trim's is worth a trim (a compacting collection walks the whole heap).</summary>
    public const long Growth = 32L << 20;

    /// <summary>Raised after each trim with the resident bytes before and after (for monitoring and tests).</summary>
    public event Action<long, long>? Trimmed;

    long baseline;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        baseline = Environment.WorkingSet;
        using var timer = new PeriodicTimer(Every, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    if (runs.Idle && Environment.WorkingSet > baseline + Growth) Trim();
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Giving memory back while idle failed; trying again later");
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // the site is stopping
        }
    }

    /// <summary>Collects and trims now; returns the resident bytes after.</summary>
    public long Trim()
    {
        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.ReturnFree();
        baseline = Environment.WorkingSet;
        logger.LogDebug("Idle: resident {Before} MB, after the trim {After} MB", before >> 20, baseline >> 20);
        Trimmed?.Invoke(before, baseline);
        return baseline;
    }
}
