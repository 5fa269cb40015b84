using RpPlayground.Core;
using RpPlayground.Core.Torch;

namespace RpPlayground.Runs.Scheduling;

/// <summary>
/// The run threads: a fixed set of long-lived threads (LibTorch keeps a thread team per calling thread, so model work
/// never runs on thread-pool threads) that take jobs from one bounded queue, fair between clients
/// (<see cref="FairRunQueue"/>), and the priority lane (<see cref="PriorityLane"/>). A batched job (a mask-optimising
/// run) steps in its model's rounds while its thread waits; any other takes one of <see cref="RunOptions.MaxUnbatched"/>
/// slots. Every job runs under its owner's cancellation and its time limit (<see cref="TimeLimitFor"/>), and ends with a
/// state and, when it did not complete, a message for the user. Threads sleep until there is work (no polling). A
/// hosted service: its threads start with the site and stop with it (the running jobs cancelled, the threads joined).
/// </summary>
public sealed class JobScheduler : IHostedService, IDisposable
{
    readonly FairRunQueue queue;
    readonly PriorityLane lane = new();
    readonly SemaphoreSlim work = new(0);  // released once for each job queued and each piece of priority work
    readonly SemaphoreSlim unbatched;
    readonly Thread[] threads;
    readonly RunOptions options;
    readonly TimeProvider time;
    readonly ILogger<JobScheduler> logger;
    readonly CancellationTokenSource stopping = new();
    int started, disposed, running;

    /// <param name="time">The clock of the jobs' time limits.</param>
    public JobScheduler(RunOptions options, TimeProvider time, ILogger<JobScheduler> logger)
    {
        this.options = options;
        this.time = time;
        this.logger = logger;
        queue = new FairRunQueue(Math.Max(1, options.MaxQueued));
        unbatched = new SemaphoreSlim(Math.Max(1, options.MaxUnbatched));
        threads = Enumerable.Range(0, Math.Max(1, options.MaxConcurrent))
            .Select(i => new Thread(Work) { IsBackground = true, Name = $"rp-run-{i}" })
            .ToArray();
    }

    /// <summary>Cancelled when the site stops.</summary>
    public CancellationToken Stopping => stopping.Token;

    /// <summary>Whether no job is between its start and its end (jobs may still wait in the queue for a slot).</summary>
    public bool Idle => Volatile.Read(ref running) == 0;

    /// <summary>The time limit of a job of <paramref name="runsOfWork"/> runs' work, in seconds (<see cref="QueuedJob.RunsOfWork"/>).</summary>
    public int TimeLimitFor(int runsOfWork) => Math.Max(1, options.TimeLimitSeconds) * Math.Max(1, runsOfWork);

    /// <summary>How many waiting jobs start before <paramref name="job"/>, or null when it is not waiting.</summary>
    public int? PositionOf(QueuedJob job) => queue.PositionOf(job);

    /// <summary>Queues the job for a run thread; false when the queue is full. A job stopped while it waits leaves the queue at once.</summary>
    public bool TryQueue(QueuedJob job)
    {
        EnsureStarted();
        if (!queue.TryAdd(job)) return false;
        job.Token.Register(() =>
        {
            if (queue.Remove(job)) job.End(RunState.Cancelled);  // its place and its client's share free up
        });
        work.Release();
        return true;
    }

    /// <summary>Runs <paramref name="piece"/> on a run thread in the priority lane: at once on an idle one, else between two steps of a job.</summary>
    public Task<T> InvokeAsync<T>(Func<T> piece)
    {
        EnsureStarted();
        var task = lane.Add(piece);
        work.Release();
        return task;
    }

    /// <summary>What a job's thread does between two of its steps (and a round thread between rounds): one piece of priority work at most.</summary>
    public void BetweenSteps() => lane.ServeOne();

    /// <summary>Starts the run threads (once; a scheduler used outside a host starts them on first use).</summary>
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
        foreach (var thread in threads.Where(t => t.IsAlive))
            if (!thread.Join(TimeSpan.FromSeconds(5)) && cancellationToken.IsCancellationRequested) break;
        return Task.CompletedTask;
    }

    void EnsureStarted()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
            foreach (var thread in threads) thread.Start();
    }

    void Work()
    {
        while (true)
        {
            try
            {
                work.Wait(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lane.ServeAll();  // an idle run thread serves all of it
            TakeAndRun();
        }
    }

    // In a frame of its own, so that a thread asleep between jobs keeps no reference to the last one (its result
    // belongs to its caller: a sanity check's 32 maps must not stay alive with an idle thread).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    void TakeAndRun()
    {
        if (queue.TryTake() is not { } job || !WaitForASlot(job)) return;
        Interlocked.Increment(ref running);
        try
        {
            Run(job);
        }
        finally
        {
            if (!job.Batched) unbatched.Release();
            // When the last job ends, the C heap gives back the pages the jobs' tensors were freed into (measured:
            // an MP and a Gradient deletion game on darknet-tiny left 1.27 GB resident, 0.40 GB after the trim, 56 ms).
            if (Interlocked.Decrement(ref running) == 0) NativeHeap.ReturnFree();
        }
    }

    // A job that cannot share a round waits for one of the MaxUnbatched slots, still shown as next in the queue; a
    // stopped one ends there.
    bool WaitForASlot(QueuedJob job)
    {
        try
        {
            using var either = CancellationTokenSource.CreateLinkedTokenSource(job.Token, stopping.Token);
            either.Token.ThrowIfCancellationRequested();
            if (!job.Batched) unbatched.Wait(either.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            job.End(RunState.Cancelled);
            return false;
        }
    }

    void Run(QueuedJob job)
    {
        job.Started();
        var limit = TimeLimitFor(job.RunsOfWork);
        try
        {
            using var timeLimit = new CancellationTokenSource(TimeSpan.FromSeconds(limit), time);
            using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(job.Token, stopping.Token, timeLimit.Token);
            job.Execute(new JobContext(cancellation.Token, BetweenSteps, job.Report));
            job.End(RunState.Completed);
        }
        catch (OperationCanceledException) when (!job.Token.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            job.MarkTimedOut();
            job.End(RunState.Cancelled, $"Stopped: the time limit of {limit} s was reached.");
        }
        catch (OperationCanceledException)
        {
            job.End(RunState.Cancelled, job.StoppedMessage);
        }
        catch (Exception e) when (JobFailure.IsTheUsers(e))
        {
            job.End(RunState.Failed, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {Description} failed", job.Description);
            job.End(RunState.Failed, "The job failed unexpectedly; the error is in the server's log.");
        }
    }

    // Once: the container disposes the scheduler both as itself and as the hosted service it also is.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        stopping.Cancel();
        foreach (var thread in threads.Where(t => t.IsAlive)) thread.Join(TimeSpan.FromSeconds(5));
        stopping.Dispose();
        unbatched.Dispose();
        work.Dispose();
    }
}
