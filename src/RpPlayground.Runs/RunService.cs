using System.Security.Cryptography;
using RpPlayground.Core;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Models;
using RpPlayground.Runs.Rounds;
using RpPlayground.Runs.Scheduling;

namespace RpPlayground.Runs;

/// <summary>
/// The one door to model work, for the pages, the API, the hub and workers. An explanation run is validated, admitted
/// against its client's share (<see cref="RunRegistry"/>) and handed to the executor <c>Runs:Backend</c> chose
/// (<see cref="IRunExecutor"/>: here, or workers through Redis). Evaluation jobs (one method of a deletion game or a
/// sanity check, <see cref="Submit{T}"/>) and classifications for the class picker (<see cref="ClassifyAsync"/>) always
/// run on this process's run threads (<see cref="JobScheduler"/>), when <see cref="RunOptions.EvaluateHere"/> lets them.
/// </summary>
public sealed class RunService(RunRegistry registry, JobScheduler scheduler, InProcessExecutor local, IRunExecutor executor, RoundThreads rounds,
    ModelCatalog catalog, IRunImages images, RunOptions options, Remote.RemoteRuns? remote = null)
{
    /// <summary>
    /// Starts a run for <paramref name="client"/>. Throws a user-facing exception with a message for the user: a bad
    /// request (<see cref="Core.InvalidRequestException"/> among them), <see cref="TooManyRequestsException"/> (this client already
    /// has its runs), <see cref="QueueFullException"/> (the server or Redis is busy).
    /// </summary>
    public async Task<RunHandle> StartAsync(RunRequest request, string client, CancellationToken cancellation = default)
    {
        Validate(request, carried: false);
        var run = executor.Create(NewId(), request, client);
        registry.Admit(run);
        await executor.SubmitAsync(run, cancellation);
        return run;
    }

    /// <summary>
    /// Starts, in this process, a run that a worker took from Redis: its id is the one its web node gave it, its image
    /// travels with it (PNG or JPEG bytes, decoded and checked like an upload), and <paramref name="forward"/> sees every
    /// frame as it is published. Throws like <see cref="StartAsync"/> for a definition this process cannot run.
    /// </summary>
    public RunHandle StartCarried(string id, RunRequest request, byte[] image, string client, Action<Frame> forward)
    {
        Validate(request, carried: true);
        var run = local.Create(id, request, client, image);
        run.Observe(forward);
        registry.Admit(run);
        local.SubmitAsync(run, CancellationToken.None).GetAwaiter().GetResult();  // in-process: completes at once
        return run;
    }

    /// <summary>
    /// Queues a piece of model work with a result for <paramref name="client"/>, under the same queue and limits as
    /// runs and a time limit of <paramref name="runsOfWork"/> runs' (<see cref="QueuedJob.RunsOfWork"/>);
    /// <paramref name="work"/> runs on a run thread and calls <see cref="JobContext.Step"/> between its steps. Throws
    /// like <see cref="StartAsync"/> when the client or the queue is full.
    /// </summary>
    public ModelJob<T> Submit<T>(string client, string description, Func<JobContext, T> work, int runsOfWork = 1)
    {
        RefuseWhenNoModelWorkHere();
        var job = new ModelJob<T>(NewId(), client, description, work, scheduler.PositionOf) { RunsOfWork = Math.Max(1, runsOfWork) };
        registry.Admit(job);
        if (!scheduler.TryQueue(job))
        {
            job.End(RunState.Failed, "The server was busy.");
            throw new QueueFullException($"The server is busy: {options.MaxQueued} jobs are already waiting. Try again in a minute.");
        }
        return job;
    }

    /// <summary>The time limit of a job of <paramref name="runsOfWork"/> runs' work, in seconds (for pages to say before they start).</summary>
    public int TimeLimitFor(int runsOfWork) => scheduler.TimeLimitFor(runsOfWork);

    /// <summary>Whether no job of this process is between its start and its end.</summary>
    public bool Idle => scheduler.Idle;

    static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    void Validate(RunRequest request, bool carried)
    {
        var entry = catalog.Find(request.ModelId);
        if (!entry.IsAvailable) throw new UnknownModelException($"Model '{request.ModelId}' is not available: {entry.Problem}");
        if (!carried && !images.Contains(request.SampleId)) throw new InvalidRequestException($"There is no image '{request.SampleId}'.");
        var method = MethodCatalog.Get(request.Method);
        var classes = entry.ReadLabels().Length;
        if (request.Target < 0 || request.Target >= classes) throw new UnknownLabelException($"Model '{request.ModelId}' has no class {request.Target}.");
        var problems = method.Problems(request.Options, new ModelFacts(entry.Spec.InputSize, classes)).ToList();
        if (method.NetworkProblems is { } fromNetwork) problems.AddRange(fromNetwork(request.Options, catalog.Get(entry.Spec.Id).Network));  // loads the model on its first use
        if (problems.Count > 0) throw new InvalidRequestException(string.Join(" ", problems));
        if (request.Schedule.Count > 0 && !method.HasLiveSwitches) throw new InvalidRequestException($"{method.Name} has no switches to schedule.");
    }

    /// <summary>A queued, running or recently finished run that this process knows, by id (the last 200 finished runs are kept), or null.</summary>
    public RunHandle? Find(string id) => registry.Find(id);

    /// <summary>
    /// A run by id wherever it was started: one this process knows, or, with Redis, one started on another node, read
    /// from Redis and followed from here on; null when there is none. Throws <see cref="QueueFullException"/> when Redis does not answer.
    /// </summary>
    public async ValueTask<RunHandle?> FindAnywhereAsync(string id)
    {
        if (Find(id) is { } known) return known;
        if (remote is null || await remote.AttachAsync(id) is not { } elsewhere) return null;
        return registry.Keep(elsewhere);
    }

    /// <summary>Runs <paramref name="work"/> on a run thread in the priority lane: before the next queued job, or between two steps of a running one.</summary>
    public Task<T> InvokeAsync<T>(Func<T> work)
    {
        RefuseWhenNoModelWorkHere();
        return scheduler.InvokeAsync(work);
    }

    /// <summary>The top classes of an image (sample or upload) for a model, computed on a run thread in the priority lane.</summary>
    public Task<IReadOnlyList<ClassScore>> ClassifyAsync(string modelId, string imageId, int top) => InvokeAsync(() =>
    {
        using var image = images.Decode(imageId);
        return catalog.Get(modelId).Classify(image, top);
    });

    /// <summary>Runs stepping together in <paramref name="modelId"/>'s rounds now.</summary>
    public int RunsInRounds(string modelId) => rounds.RunsIn(modelId);

    void RefuseWhenNoModelWorkHere()
    {
        if (!options.EvaluateHere)
            throw new ModelWorkNotHereException("This web node runs no models (Runs:EvaluateHere is false): deletion games, sanity checks and the class picker's top classes are not offered here.");
    }
}
