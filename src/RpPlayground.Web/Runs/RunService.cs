using System.Collections.Concurrent;
using System.Security.Cryptography;
using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using RpPlayground.Web.Samples;
using static TorchSharp.torch;

namespace RpPlayground.Web.Runs;

/// <summary>
/// Runs explanations on a fixed set of long-lived threads (LibTorch keeps a thread team per calling thread, so runs
/// never touch thread-pool threads), one run per thread at a time, the rest waiting in a bounded queue that is fair
/// between clients, each client holding at most <see cref="RunOptions.MaxPerClient"/> runs. Each run honours its
/// owner's cancellation and a time limit; a failure ends that run with a message and nothing else.
/// Short jobs (classifying an image for the target picker) run on the same threads, between a run's iterations.
/// </summary>
public sealed class RunService : IDisposable
{
    readonly FairRunQueue queue;
    readonly Lock starting = new();
    readonly ConcurrentQueue<Action> shortJobs = new();
    readonly ConcurrentDictionary<string, RunHandle> recent = new();
    const int RecentRuns = 200;
    readonly CancellationTokenSource stopping = new();
    readonly Thread[] workers;
    readonly ModelCatalog catalog;
    readonly ImageLibrary images;
    readonly RunOptions options;
    readonly ILogger<RunService> logger;

    public RunService(RunOptions options, ModelCatalog catalog, ImageLibrary images, TorchRuntime runtime, ILogger<RunService> logger)
    {
        this.options = options;
        this.catalog = catalog;
        this.images = images;
        this.logger = logger;
        _ = runtime;  // LibTorch is set up before the first run
        queue = new FairRunQueue(Math.Max(1, options.MaxQueued));
        workers = Enumerable.Range(0, Math.Max(1, options.MaxConcurrent))
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"rp-run-{i}" })
            .ToArray();
        foreach (var worker in workers) worker.Start();
    }

    /// <summary>
    /// Queues a run for <paramref name="client"/>; throws <see cref="ArgumentException"/> (bad request),
    /// <see cref="ClientRunLimitException"/> (this client already has its runs) or <see cref="InvalidOperationException"/>
    /// (queue full), each with a message for the user.
    /// </summary>
    public RunHandle Start(RunRequest request, string client)
    {
        Validate(request);
        var switches = MethodCatalog.Get(request.Method).HasLiveSwitches ? new RpLiveSwitches(request.Settings.Switches, request.Schedule) : null;
        var handle = new RunHandle(Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant(), request, switches, client, queue.PositionOf);
        lock (starting)
        {
            var held = recent.Values.Count(h => h.Client == client && !h.Finished.IsCompleted);
            if (held >= options.MaxPerClient)
                throw new ClientRunLimitException($"You already have {held} run(s) waiting or running, the most one client may have; stop one or wait for it to end.");
            if (!queue.TryAdd(handle))
                throw new InvalidOperationException($"The server is busy: {options.MaxQueued} runs are already waiting. Try again in a minute.");
            recent[handle.Id] = handle;
        }
        // Stopped while waiting: out of the queue at once, so its place and its client's share free up.
        handle.Token.Register(() =>
        {
            if (queue.Remove(handle)) handle.End(RunState.Cancelled);
        });
        foreach (var old in recent.Values.Where(h => h.Finished.IsCompleted).OrderBy(h => h.Ended).SkipLast(RecentRuns).ToArray())
            recent.TryRemove(old.Id, out _);
        return handle;
    }

    void Validate(RunRequest request)
    {
        var entry = catalog.Find(request.ModelId);
        if (!entry.IsAvailable) throw new UnknownModelException($"Model '{request.ModelId}' is not available: {entry.Problem}");
        if (!images.Contains(request.SampleId)) throw new ArgumentException($"There is no image '{request.SampleId}'.");
        var method = MethodCatalog.Get(request.Method);
        var problems = method.Problems(request.Settings, entry.Spec.InputSize, entry.ReadLabels().Length).ToArray();
        if (problems.Length > 0) throw new ArgumentException(string.Join(" ", problems));
        if (request.Schedule.Count > 0 && !method.HasLiveSwitches) throw new ArgumentException($"{method.Name} has no switches to schedule.");
    }

    /// <summary>A queued, running or recently finished run by id (the last 200 finished runs are kept), or null.</summary>
    public RunHandle? Find(string id) => recent.GetValueOrDefault(id);

    /// <summary>Runs <paramref name="work"/> on a run thread, between iterations of whatever is running there.</summary>
    public Task<T> InvokeAsync<T>(Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        shortJobs.Enqueue(() =>
        {
            try
            {
                result.SetResult(work());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        });
        return result.Task;
    }

    /// <summary>The top classes of an image (sample or upload) for a model, computed on a run thread.</summary>
    public Task<IReadOnlyList<ClassScore>> ClassifyAsync(string modelId, string imageId, int top) => InvokeAsync(() =>
    {
        using var image = images.Decode(imageId);
        return catalog.Get(modelId).Classify(image, top);
    });

    void RunShortJobs()
    {
        while (shortJobs.TryDequeue(out var job)) job();
    }

    void Work()
    {
        while (!stopping.IsCancellationRequested)
        {
            RunShortJobs();
            RunHandle? handle;
            try
            {
                handle = queue.Take(TimeSpan.FromMilliseconds(50), stopping.Token);
                if (handle is null) continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (handle.Token.IsCancellationRequested)
            {
                handle.End(RunState.Cancelled);
                continue;
            }
            handle.Started();
            try
            {
                Execute(handle);
                handle.End(RunState.Completed);
            }
            catch (OperationCanceledException) when (!handle.Token.IsCancellationRequested && !stopping.IsCancellationRequested)
            {
                handle.End(RunState.Cancelled, $"Stopped: the time limit of {TimeLimitSeconds} s was reached.");
            }
            catch (OperationCanceledException)
            {
                handle.End(RunState.Cancelled, handle.LastFrame is null ? null : "Stopped.");
            }
            catch (Exception e) when (e is ArgumentException or ImageRejectedException or UnknownModelException or UnknownLabelException)
            {
                handle.End(RunState.Failed, e.Message);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Run of {Method} on {Sample} failed", handle.Request.Method, handle.Request.SampleId);
                handle.End(RunState.Failed, "The run failed unexpectedly; the error is in the server's log.");
            }
        }
    }

    // Runs entirely on this worker thread: the method's async enumerator completes synchronously.
    void Execute(RunHandle handle)
    {
        var request = handle.Request;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(handle.Token);
        limit.CancelAfter(TimeSpan.FromSeconds(TimeLimitSeconds));
        var classifier = catalog.Get(request.ModelId);
        if (request.Target < 0 || request.Target >= classifier.Labels.Count)
            throw new UnknownLabelException($"Model '{request.ModelId}' has no class {request.Target}.");
        using var image = images.Decode(request.SampleId);
        using var scope = NewDisposeScope();
        var pixels = classifier.Prepare(image);
        var method = MethodCatalog.Get(request.Method).Create(request.Settings, handle.Switches);
        RunThreadEnumeration.ForEach(method.RunAsync(new ExplanationRequest(classifier, pixels, request.Target, [], request.Seed), limit.Token), frame =>
        {
            handle.Publish(frame);
            RunShortJobs();
        }, limit.Token);
    }

    int TimeLimitSeconds => Math.Max(1, options.TimeLimitSeconds);

    public void Dispose()
    {
        stopping.Cancel();
        foreach (var worker in workers) worker.Join(TimeSpan.FromSeconds(5));
        stopping.Dispose();
    }
}
