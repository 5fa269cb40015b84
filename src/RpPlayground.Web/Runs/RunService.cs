using RpPlayground.Web.Hosting;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Masks;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using RpPlayground.Web.Samples;
using static TorchSharp.torch;

namespace RpPlayground.Web.Runs;

/// <summary>
/// The one queue for everything that uses a model. Explanation runs (<see cref="Start"/>) and evaluation jobs
/// (<see cref="Submit{T}"/>: one method of a deletion game or a sanity check) wait in one bounded queue that is fair
/// between clients, each client holding at most <see cref="RunOptions.MaxPerClient"/> of them, and run on a fixed set of
/// long-lived threads (LibTorch keeps a thread team per calling thread, so model work never runs on thread-pool
/// threads). Mask-optimising runs (RP, MP, EP) of one model step through the network together on that model's
/// <see cref="RoundThread"/>, up to <see cref="RunOptions.MaxConcurrent"/> at once; other jobs take one of
/// <see cref="RunOptions.MaxUnbatched"/> slots. Every job has its owner's cancellation and the time limit; a failure ends that job with a message and
/// nothing else. Short priority work (<see cref="InvokeAsync{T}"/>: classifying an image for the class picker) has a lane
/// of its own, served by an idle run thread at once and between a job's steps one piece at a time, so it waits about one
/// step and no stream of it can hold a job up by more than one piece a step. A hosted service: its
/// threads start with the site and stop with it (the running jobs cancelled, the threads joined).
/// </summary>
public sealed class RunService : IHostedService, IDisposable
{
    readonly FairRunQueue queue;
    readonly Lock starting = new();
    readonly Channel<Action> priority = Channel.CreateBounded<Action>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait });
    readonly ConcurrentDictionary<string, QueuedJob> recent = new();
    const int RecentJobs = 200;
    readonly CancellationTokenSource stopping = new();
    readonly Thread[] workers;
    readonly ModelCatalog catalog;
    readonly ImageLibrary images;
    readonly RunOptions options;
    readonly ILogger<RunService> logger;
    readonly SemaphoreSlim unbatched;
    readonly Dictionary<ImageClassifier, RoundThread> rounds = [];
    readonly Remote.RemoteRuns? remote;
    readonly TimeProvider time;

    /// <param name="time">The clock of the jobs' time limit.</param>
    /// <param name="remote">With <c>Runs:Backend = Redis</c>: where this web node sends its runs (workers run them); null runs them here.</param>
    public RunService(RunOptions options, ModelCatalog catalog, ImageLibrary images, TorchRuntime runtime, TimeProvider time, ILogger<RunService> logger, Remote.RemoteRuns? remote = null)
    {
        this.remote = remote;
        this.time = time;
        this.options = options;
        this.catalog = catalog;
        this.images = images;
        this.logger = logger;
        _ = runtime;  // LibTorch is set up before the first run
        queue = new FairRunQueue(Math.Max(1, options.MaxQueued));
        unbatched = new SemaphoreSlim(Math.Max(1, options.MaxUnbatched));
        workers = Enumerable.Range(0, Math.Max(1, options.MaxConcurrent))
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"rp-run-{i}" })
            .ToArray();
    }

    /// <summary>Starts the run threads (once; a service used outside a host starts them on first use).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Cancels the running jobs and waits for the threads, at most until <paramref name="cancellationToken"/> fires; a
    /// second stop, or one after <see cref="Dispose"/> (a test host stops its site twice), does nothing.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref disposed) == 1) return Task.CompletedTask;
        try
        {
            stopping.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return Task.CompletedTask;  // disposed meanwhile: its threads are already joined
        }
        foreach (var worker in workers.Where(w => w.IsAlive))
            if (!worker.Join(TimeSpan.FromSeconds(5)) && cancellationToken.IsCancellationRequested) break;
        return Task.CompletedTask;
    }

    int started;

    void EnsureStarted()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
            foreach (var worker in workers) worker.Start();
    }

    /// <summary>
    /// Queues a run for <paramref name="client"/>; throws <see cref="ArgumentException"/> (bad request),
    /// <see cref="TooManyRequestsException"/> (this client already has its runs) or <see cref="InvalidOperationException"/>
    /// (queue full), each with a message for the user.
    /// </summary>
    public RunHandle Start(RunRequest request, string client)
    {
        var method = Validate(request, carried: false);
        var switches = method.HasLiveSwitches ? new RpLiveSwitches(request.Settings.Switches, request.Schedule) : null;
        var run = new RunHandle(NewId(), request, switches, client, queue.PositionOf, Execute);
        if (remote is null) return Enqueue(run);
        var image = images.Bytes(request.SampleId) ?? throw new ArgumentException($"There is no image '{request.SampleId}'.");
        Admit(run, () => recent.Values.Count(j => !j.Finished.IsCompleted) < options.MaxQueued && Submitted(run, image));
        return run;
    }

    bool Submitted(RunHandle run, byte[] image)
    {
        remote!.Submit(run, image);
        return true;
    }

    /// <summary>
    /// Queues a run that a worker took from Redis: its id is the one its web node gave it, its image travels with it
    /// (PNG or JPEG bytes, decoded and checked like an upload), and every frame goes to <paramref name="forward"/> as it is
    /// published. Throws like <see cref="Start"/> for a definition this process cannot run.
    /// </summary>
    public RunHandle StartCarried(string id, RunRequest request, byte[] image, string client, Action<Frame> forward)
    {
        var method = Validate(request, carried: true);
        var switches = method.HasLiveSwitches ? new RpLiveSwitches(request.Settings.Switches, request.Schedule) : null;
        return Enqueue(new RunHandle(id, request, switches, client, queue.PositionOf, Execute) { CarriedImage = image, FramePublished = forward });
    }

    /// <summary>
    /// Queues a piece of model work with a result for <paramref name="client"/>, under the same queue and limits as
    /// runs and a time limit of <paramref name="runsOfWork"/> runs' (<see cref="QueuedJob.RunsOfWork"/>);
    /// <paramref name="work"/> runs on a run thread and calls <see cref="JobContext.Step"/> between its steps. Throws
    /// like <see cref="Start"/> when the client or the queue is full.
    /// </summary>
    public ModelJob<T> Submit<T>(string client, string description, Func<JobContext, T> work, int runsOfWork = 1) =>
        Enqueue(new ModelJob<T>(NewId(), client, description, work, queue.PositionOf) { RunsOfWork = Math.Max(1, runsOfWork) });

    /// <summary>The time limit of a job of <paramref name="runsOfWork"/> runs' work, in seconds (for pages to say before they start).</summary>
    public int TimeLimitFor(int runsOfWork) => TimeLimitSeconds * Math.Max(1, runsOfWork);

    static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    TJob Enqueue<TJob>(TJob job) where TJob : QueuedJob
    {
        EnsureStarted();
        Admit(job, () => queue.TryAdd(job));
        // Stopped while waiting: out of the queue at once, so its place and its client's share free up.
        job.Token.Register(() =>
        {
            if (queue.Remove(job)) job.End(RunState.Cancelled);
        });
        return job;
    }

    // The client's share and the queue's room checked, and the job added (by add) and kept among the recent ones: a run
    // until 200 newer runs have ended (watchers and links find it by id), any other job until it ends (its result is
    // its caller's; kept here, 200 sanity checks' 32 maps each would stay in memory long after their pages closed).
    void Admit(QueuedJob job, Func<bool> add)
    {
        lock (starting)
        {
            var held = recent.Values.Count(j => j.Client == job.Client && !j.Finished.IsCompleted);
            if (held >= options.MaxPerClient)
                throw new TooManyRequestsException($"You already have {held} run(s) waiting or running, the most one client may have; stop one or wait for it to end.",
                    TimeSpan.FromSeconds(10));  // a run on the built-in model takes a few seconds
            if (!add())
                throw new QueueFullException($"The server is busy: {options.MaxQueued} runs are already waiting. Try again in a minute.");
            recent[job.Id] = job;
        }
        if (job is not RunHandle) job.Finished.ContinueWith(_ => recent.TryRemove(job.Id, out var _), TaskScheduler.Default);
        foreach (var old in recent.Values.Where(j => j.Finished.IsCompleted).OrderBy(j => j.Ended).SkipLast(RecentJobs).ToArray())
            recent.TryRemove(old.Id, out _);
    }

    MethodDescriptor Validate(RunRequest request, bool carried)
    {
        var entry = catalog.Find(request.ModelId);
        if (!entry.IsAvailable) throw new UnknownModelException($"Model '{request.ModelId}' is not available: {entry.Problem}");
        if (!carried && !images.Contains(request.SampleId)) throw new ArgumentException($"There is no image '{request.SampleId}'.");
        var method = MethodCatalog.Get(request.Method);
        var problems = method.Problems(request.Settings, entry.Spec.InputSize, entry.ReadLabels().Length).ToList();
        if (method.NetworkProblems is { } fromNetwork) problems.AddRange(fromNetwork(request.Settings, catalog.Get(entry.Spec.Id).Network));  // loads the model on its first use
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        if (request.Schedule.Count > 0 && !method.HasLiveSwitches) throw new ArgumentException($"{method.Name} has no switches to schedule.");
        return method;
    }

    /// <summary>A queued, running or recently finished run that this process knows, by id (the last 200 finished runs are kept), or null.</summary>
    public RunHandle? Find(string id) => recent.GetValueOrDefault(id) as RunHandle;

    /// <summary>
    /// A run by id wherever it was started: one this process knows, or, with Redis, one started on another node, read
    /// from Redis and followed from here on; null when there is none. Throws <see cref="QueueFullException"/> when Redis does not answer.
    /// </summary>
    public async ValueTask<RunHandle?> FindAnywhereAsync(string id)
    {
        if (Find(id) is { } known) return known;
        if (remote is null || await remote.AttachAsync(id) is not { } elsewhere) return null;
        return (RunHandle)recent.GetOrAdd(id, elsewhere);
    }

    /// <summary>Runs <paramref name="work"/> on a run thread in the priority lane: before the next queued job, or between two steps of a running one.</summary>
    public Task<T> InvokeAsync<T>(Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Job()
        {
            try
            {
                result.SetResult(work());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }
        EnsureStarted();
        if (!priority.Writer.TryWrite(Job)) result.SetException(new QueueFullException("The server is busy; try again in a moment."));
        return result.Task;
    }

    /// <summary>The top classes of an image (sample or upload) for a model, computed on a run thread in the priority lane.</summary>
    public Task<IReadOnlyList<ClassScore>> ClassifyAsync(string modelId, string imageId, int top) => InvokeAsync(() =>
    {
        using var image = images.Decode(imageId);
        return catalog.Get(modelId).Classify(image, top);
    });

    // Between two steps of a job (or two rounds): one piece of priority work at most, the job's fair share.
    void RunPriorityWork()
    {
        if (priority.Reader.TryRead(out var job)) job();
    }

    void Work()
    {
        while (!stopping.IsCancellationRequested)
        {
            while (priority.Reader.TryRead(out var waiting)) waiting();  // an idle run thread serves all of it
            QueuedJob? job;
            try
            {
                job = queue.Take(TimeSpan.FromMilliseconds(50), stopping.Token);
                if (job is null) continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var batched = Batched(job);
            if (!WaitForASlot(job, batched)) continue;
            Interlocked.Increment(ref running);
            try
            {
                Run(job);
            }
            finally
            {
                if (!batched) unbatched.Release();
                if (Interlocked.Decrement(ref running) == 0) NativeHeap.ReturnFree();
            }
        }
    }

    /// <summary>Whether no job is between its start and its end (jobs may still wait in the queue for a slot).</summary>
    public bool Idle => Volatile.Read(ref running) == 0;

    // Jobs between their start and their end, on any worker. When the last one ends, the C heap gives the pages its
    // tensors were freed into back to the system (measured: an MP and a Gradient deletion game on darknet-tiny left 1.27 GB
    // resident, 0.40 GB after the trim, which took 56 ms); while jobs keep coming the heap reuses them, so the trim waits for a lull.
    int running;

    // A job that cannot share a round (a deletion game, a sanity check, RISE, a gradient map) waits for one of the
    // MaxUnbatched slots, still shown as next in the queue; a stopped one ends there.
    bool WaitForASlot(QueuedJob job, bool batched)
    {
        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(job.Token, stopping.Token);
            either.Token.ThrowIfCancellationRequested();
            if (!batched) unbatched.Wait(either.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            job.End(RunState.Cancelled);
            return false;
        }
    }

    // The one test of whether a job steps in its model's rounds (Execute hands exactly these to the round thread).
    static bool Batched(QueuedJob job) => job is RunHandle run && MethodCatalog.Get(run.Request.Method).Kind == MethodKind.MaskOptimising;

    void Run(QueuedJob job)
    {
        job.Started();
        try
        {
            using var timeLimit = new CancellationTokenSource(TimeSpan.FromSeconds(TimeLimitFor(job.RunsOfWork)), time);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(job.Token, stopping.Token, timeLimit.Token);
            job.Execute(new JobContext(limit.Token, RunPriorityWork, job.Report));
            job.End(RunState.Completed);
        }
        catch (OperationCanceledException) when (!job.Token.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            job.MarkTimedOut();
            job.End(RunState.Cancelled, $"Stopped: the time limit of {TimeLimitFor(job.RunsOfWork)} s was reached.");
        }
        catch (OperationCanceledException)
        {
            job.End(RunState.Cancelled, job.StoppedMessage);
        }
        catch (Exception e) when (UserFailure.Is(e))
        {
            job.End(RunState.Failed, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {Description} failed", job.Description);
            job.End(RunState.Failed, "The job failed unexpectedly; the error is in the server's log.");
        }
    }

    // A mask-optimising run steps in its model's rounds (the round thread does the model work; this worker waits);
    // any other runs entirely on this worker thread: the method's async enumerator completes synchronously.
    void Execute(RunHandle handle, JobContext context)
    {
        var request = handle.Request;
        var classifier = catalog.Get(request.ModelId);
        if (request.Target < 0 || request.Target >= classifier.Labels.Count)
            throw new UnknownLabelException($"Model '{request.ModelId}' has no class {request.Target}.");
        var method = MethodCatalog.Get(request.Method).Create(request.Settings, handle.Switches);
        if (Batched(handle))
        {
            var masks = (MaskOptimisationMethod)method;
            RoundsOf(classifier).Run(() =>
            {
                using var scope = NewDisposeScope();  // the prepared pixels; the stepper keeps what it needs
                return masks.Begin(Prepared(handle, classifier));
            }, frame => handle.Publish(frame), context).GetAwaiter().GetResult();
            return;
        }
        using var scope = NewDisposeScope();
        RunThreadEnumeration.ForEach(method.RunAsync(Prepared(handle, classifier), context.Cancellation), frame =>
        {
            handle.Publish(frame);
            context.Step((double)frame.Iteration / frame.Iterations);
        }, context.Cancellation);
    }

    // The run's image (its own, or its sample or upload) decoded and prepared for the classifier, in the caller's dispose scope.
    ExplanationRequest Prepared(RunHandle run, ImageClassifier classifier)
    {
        var request = run.Request;
        using var image = run.CarriedImage is { } carried ? images.Decode(carried) : images.Decode(request.SampleId);
        return new ExplanationRequest(classifier, classifier.Prepare(image), request.Target, [], request.Seed);
    }

    int TimeLimitSeconds => Math.Max(1, options.TimeLimitSeconds);

    RoundThread RoundsOf(ImageClassifier classifier)
    {
        lock (rounds)
        {
            if (!rounds.TryGetValue(classifier, out var thread))
                rounds[classifier] = thread = new RoundThread(classifier.Spec.Id, Math.Max(1, options.MaxBatch), RunPriorityWork, stopping.Token);
            return thread;
        }
    }

    /// <summary>Runs stepping together in <paramref name="modelId"/>'s rounds now.</summary>
    public int RunsInRounds(string modelId)
    {
        lock (rounds) return rounds.Where(r => r.Key.Spec.Id == modelId).Sum(r => r.Value.Members);
    }

    int disposed;

    // Once: the container disposes the service both as itself and as the hosted service it also is.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        stopping.Cancel();
        foreach (var worker in workers.Where(w => w.IsAlive)) worker.Join(TimeSpan.FromSeconds(5));
        lock (rounds)
            foreach (var thread in rounds.Values) thread.Dispose();
        stopping.Dispose();
        unbatched.Dispose();
    }
}
