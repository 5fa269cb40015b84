using RpPlayground.Core.Models;
using RpPlayground.Runs.Scheduling;

namespace RpPlayground.Runs.Rounds;

/// <summary>Each model's <see cref="RoundThread"/>, made when its first mask-optimising run arrives and stopped with the site.</summary>
public sealed class RoundThreads(JobScheduler scheduler, RunOptions options) : IDisposable
{
    readonly Dictionary<ImageClassifier, RoundThread> threads = [];

    /// <summary>The round thread of <paramref name="classifier"/>.</summary>
    internal RoundThread Of(ImageClassifier classifier)
    {
        lock (threads)
        {
            if (!threads.TryGetValue(classifier, out var thread))
                threads[classifier] = thread = new RoundThread(classifier.Spec.Id, Math.Max(1, options.MaxBatch), scheduler.BetweenSteps, scheduler.Stopping);
            return thread;
        }
    }

    /// <summary>Runs stepping together in <paramref name="modelId"/>'s rounds now.</summary>
    public int RunsIn(string modelId)
    {
        lock (threads) return threads.Where(r => r.Key.Spec.Id == modelId).Sum(r => r.Value.Members);
    }

    public void Dispose()
    {
        lock (threads)
            foreach (var thread in threads.Values) thread.Dispose();
    }
}
