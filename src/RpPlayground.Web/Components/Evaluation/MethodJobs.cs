using System.Globalization;
using RpPlayground.Runs;
using RpPlayground.Runs.Scheduling;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Components.Evaluation;

/// <summary>
/// An evaluation page's methods, one queued job each, one after another: each waits its turn in the run queue like
/// anybody's run, shows its progress with an estimate, and <see cref="Stop"/> (or the page closing) ends the current
/// job and skips the rest. A job that fails is reported on its row and the next method still runs.
/// </summary>
public sealed class MethodJobs<T>
{
    readonly List<MethodJobRow> rows = [];
    CancellationTokenSource? stopping;

    /// <summary>One row per method of the last start, in order.</summary>
    public IReadOnlyList<MethodJobRow> Rows => rows;

    public bool Running => stopping is not null;

    /// <summary>
    /// Submits the methods' jobs one at a time and waits for each, calling <paramref name="changed"/> when the rows
    /// change (about four times a second while a job waits or runs). Returns the methods that finished, with their
    /// results. Throws what <see cref="RunService.Submit{T}"/> throws when the queue refuses a job.
    /// </summary>
    public async Task<IReadOnlyList<(string Method, T Result)>> RunAsync(IEnumerable<string> methods, Func<string, ModelJob<T>> submit, Func<Task> changed, CancellationToken closing)
    {
        rows.Clear();
        rows.AddRange(methods.Select(m => new MethodJobRow(m)));
        var results = new List<(string, T)>();
        using var stop = stopping = CancellationTokenSource.CreateLinkedTokenSource(closing);
        try
        {
            foreach (var row in rows)
            {
                if (stop.IsCancellationRequested) break;
                using var job = submit(row.Method);
                row.Job = job;
                using var cancel = stop.Token.Register(job.Cancel);
                while (!job.Finished.IsCompleted)
                {
                    await changed();
                    await Task.WhenAny(job.Finished, Task.Delay(250, CancellationToken.None));
                }
                if (job.State == RunState.Completed) results.Add((row.Method, await job.Result));
                await changed();
            }
        }
        finally
        {
            stopping = null;
        }
        return results;
    }

    /// <summary>Stops the running job and skips the methods after it.</summary>
    public void Stop() => stopping?.Cancel();
}

/// <summary>One method's job as an evaluation page shows it.</summary>
public sealed class MethodJobRow(string method)
{
    public string Method { get; } = method;

    internal QueuedJob? Job { get; set; }

    /// <summary>Percent done, 0 to 100.</summary>
    public double Percent => Job switch
    {
        null => 0,
        { State: RunState.Completed } => 100,
        var job => 100 * job.Progress,
    };

    /// <summary>Where the job stands in words: waiting (and behind how many), how far with an estimate, or how it ended.</summary>
    public string Text
    {
        get
        {
            var job = Job;
            if (job is null) return "not started";
            var seconds = job.StartedAt is { } started ? ((job.State == RunState.Running ? DateTimeOffset.UtcNow : job.Ended) - started).TotalSeconds : 0;
            return job.State switch
            {
                RunState.Queued => job.QueuePosition == 0 ? "waiting: next" : $"waiting: {job.QueuePosition} ahead",
                RunState.Running when Percent >= 2 => $"{Percent:0} %, about {Seconds(seconds * (100 - Percent) / Percent)} left",
                RunState.Running => "started",
                RunState.Completed => $"done in {Seconds(seconds)}",
                RunState.Cancelled => job.Error ?? "stopped",
                _ => job.Error ?? "failed",
            };
        }
    }

    static string Seconds(double s) => s < 90 ? $"{s.ToString("0", CultureInfo.InvariantCulture)} s" : $"{(s / 60).ToString("0.0", CultureInfo.InvariantCulture)} min";
}
