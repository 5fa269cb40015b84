using System.Collections.Concurrent;
using RpPlayground.Runs.Scheduling;

namespace RpPlayground.Runs;

/// <summary>
/// Admission and the registry of recent jobs: each client may hold <see cref="RunOptions.MaxPerClient"/> jobs waiting or
/// running at once; a run is kept, by id, until 200 newer runs have ended (watchers and links find it), any other job
/// until it ends (its result is its caller's: kept here, 200 sanity checks' 32 maps each would stay in memory long after
/// their pages closed).
/// </summary>
public sealed class RunRegistry(RunOptions options)
{
    const int RecentRuns = 200;
    readonly ConcurrentDictionary<string, QueuedJob> recent = new();
    readonly Lock admitting = new();

    /// <summary>Counts the job against its client's share and keeps it; throws <see cref="TooManyRequestsException"/> when the client holds its share already.</summary>
    public void Admit(QueuedJob job)
    {
        lock (admitting)
        {
            var held = recent.Values.Count(j => j.Client == job.Client && !j.Finished.IsCompleted);
            if (held >= options.MaxPerClient)
                throw new TooManyRequestsException($"You already have {held} run(s) waiting or running, the most one client may have; stop one or wait for it to end.",
                    TimeSpan.FromSeconds(10));  // a run on the built-in model takes a few seconds
            recent[job.Id] = job;
        }
        if (job is not RunHandle) job.Finished.ContinueWith(_ => recent.TryRemove(job.Id, out var _), TaskScheduler.Default);
        foreach (var old in recent.Values.Where(j => j.Finished.IsCompleted).OrderBy(j => j.Ended).SkipLast(RecentRuns).ToArray())
            recent.TryRemove(old.Id, out _);
    }

    /// <summary>Jobs of this process waiting or running.</summary>
    public int InFlight => recent.Values.Count(j => !j.Finished.IsCompleted);

    /// <summary>A queued, running or recently finished run this process knows, by id, or null.</summary>
    public RunHandle? Find(string id) => recent.GetValueOrDefault(id) as RunHandle;

    /// <summary>Keeps a run started elsewhere, once: the one kept first wins when two lookups race.</summary>
    public RunHandle Keep(RunHandle elsewhere) => (RunHandle)recent.GetOrAdd(elsewhere.Id, elsewhere);
}
