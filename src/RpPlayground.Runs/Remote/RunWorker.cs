using System.Collections.Concurrent;
using StackExchange.Redis;

namespace RpPlayground.Runs.Remote;

/// <summary>What a worker process is: its name (unique per process), the models it serves, its device.</summary>
public sealed record WorkerIdentity(string Name, IReadOnlyList<string> Models, string Device);

/// <summary>
/// A worker's loop (<c>rp worker</c>): takes runs from its models' job streams through the consumer group, so each job
/// goes to exactly one worker, and runs them in this process's own <see cref="RunService"/> (its rounds, its limits), as
/// many at once as <see cref="RunOptions.MaxConcurrent"/>. Every frame and change of state goes out on the run's events
/// channel and into its record; stop and switch changes come in on its control channel. A job is acknowledged when its
/// run ends. While a run lasts, the worker renews its claim on the job; a worker that dies stops renewing, and after
/// <see cref="RedisOptions.ClaimAfterSeconds"/> another worker claims the job (<c>XAUTOCLAIM</c>) and starts the run
/// again from the beginning, with the same definition and seed, up to <see cref="RedisOptions.MaxAttempts"/> starts;
/// then it fails with a message. A lost connection to Redis is retried; nothing is dropped silently.
/// </summary>
public sealed class RunWorker(IConnectionMultiplexer redis, RunService runs, RunOptions runOptions, RedisOptions options, WorkerIdentity identity, ILogger<RunWorker> logger)
    : BackgroundService
{
    sealed record Taken(RunHandle Run, RedisKey Stream, RedisValue Entry, ChannelMessageQueue Control);

    readonly ConcurrentDictionary<string, Taken> running = new();

    IDatabase Db => redis.GetDatabase();

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var beat = TimeSpan.FromSeconds(Math.Max(1, options.ClaimAfterSeconds / 4.0));
        var lastBeat = DateTimeOffset.MinValue;
        var groups = false;
        while (!stopping.IsCancellationRequested)
        {
            var took = false;
            try
            {
                if (!groups) groups = CreateGroups();
                if (DateTimeOffset.UtcNow - lastBeat >= beat)
                {
                    Beat();
                    lastBeat = DateTimeOffset.UtcNow;
                }
                if (running.Count < runOptions.MaxConcurrent) took = TakeOne();
            }
            catch (RedisServerException e) when (e.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                groups = false;  // Redis restarted without its data: the streams and the group are made again
            }
            catch (RedisException e)
            {
                logger.LogWarning("Redis cannot be reached ({Message}); trying again", e.Message);
                await Delay(TimeSpan.FromSeconds(1), stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The worker's loop failed; it goes on");  // a worker stops only when told to
                await Delay(TimeSpan.FromSeconds(1), stopping);
            }
            if (!took) await Delay(TimeSpan.FromMilliseconds(100), stopping);
        }
    }

    static async Task Delay(TimeSpan time, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(time, stopping);
        }
        catch (OperationCanceledException)
        {
        }
    }

    bool CreateGroups()
    {
        foreach (var model in identity.Models)
            try
            {
                Db.StreamCreateConsumerGroup(RunBus.Jobs(model), RunBus.Group, "0", createStream: true);
            }
            catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
            }
        return true;
    }

    // The heartbeat: this worker in rp:workers, and its claim on every job it runs renewed (idle time back to 0).
    void Beat()
    {
        Db.HashSet(RunBus.Workers, identity.Name, RunJson.Write(new WorkerBeat(identity.Name, identity.Models, identity.Device, running.Count, DateTimeOffset.UtcNow)));
        foreach (var taken in running.Values)
            Db.StreamClaimIdsOnly(taken.Stream, RunBus.Group, identity.Name, 0, [taken.Entry]);
    }

    // A job whose worker stopped renewing it first, else a new one.
    bool TakeOne()
    {
        foreach (var model in identity.Models)
        {
            var stream = RunBus.Jobs(model);
            var stale = Db.StreamAutoClaim(stream, RunBus.Group, identity.Name, options.ClaimAfterSeconds * 1000L, "0-0", 1);
            var entry = stale.ClaimedEntries.FirstOrDefault(e => !e.Id.IsNull);
            if (entry.Id.IsNull) entry = Db.StreamReadGroup(stream, RunBus.Group, identity.Name, ">", 1).FirstOrDefault();
            if (entry.Id.IsNull) continue;
            Start(stream, entry);
            return true;
        }
        return false;
    }

    void Start(RedisKey stream, StreamEntry entry)
    {
        RemoteJob job;
        try
        {
            job = RunJson.Read<RemoteJob>(entry["job"].ToString());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException or NotSupportedException)
        {
            logger.LogWarning(e, "Dropped a malformed job {Entry}", entry.Id);
            Done(stream, entry.Id);
            return;
        }
        var id = job.RunId;
        var record = RunBus.Run(id);
        var control = redis.GetSubscriber().Subscribe(RunBus.Control(id));  // before reading the stop flag, so no stop falls between
        var attempts = Db.HashIncrement(record, "attempts");
        if (Db.HashGet(record, "stop") == 1)
        {
            Finish(id, stream, entry.Id, control, RunState.Cancelled, "Stopped.", null);
            return;
        }
        if (attempts > options.MaxAttempts)
        {
            Finish(id, stream, entry.Id, control, RunState.Failed,
                $"The run was started {options.MaxAttempts} times and its worker stopped each time; it will not be tried again.", null);
            return;
        }
        RunHandle run;
        try
        {
            run = runs.StartCarried(id, job.Request, job.Image, $"remote:{id}", Forward(id));
        }
        catch (Exception e) when (Scheduling.JobFailure.IsTheUsers(e))
        {
            Finish(id, stream, entry.Id, control, RunState.Failed, e.Message, null);
            return;
        }
        running[id] = new Taken(run, stream, entry.Id, control);
        control.OnMessage(message => Obey(run, message.Message.ToString()));
        if (Db.HashGet(record, "stop") == 1) run.Cancel();
        Db.HashSet(record, [new("state", nameof(RunState.Running)), new("worker", identity.Name)]);
        redis.GetSubscriber().Publish(RunBus.Events(id), RunJson.Write(new RunEvent(null, RunState.Running)));
        if (attempts > 1) logger.LogInformation("Run {Run} started again (attempt {Attempt} of {Max}) after its worker stopped", id, attempts, options.MaxAttempts);
        run.Finished.ContinueWith(_ =>
        {
            running.TryRemove(id, out var _);
            if (leaving && run.State != RunState.Completed && Db.HashGet(record, "stop") != 1)
            {
                control.Unsubscribe();  // this worker is shutting down: the job stays pending, and another worker takes it
                return;
            }
            Finish(id, stream, entry.Id, control, run.State, run.Error, run.Schedule);
        }, TaskScheduler.Default);
    }

    // Every frame to the watching web nodes (in order, without waiting) and, as the same JSON, into the record for
    // nodes that attach later: serialised once per frame.
    Action<Core.Methods.Frame> Forward(string id) => frame =>
    {
        var json = RunJson.Write(new RunEvent(frame, PublishedAtMs: (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds));
        redis.GetSubscriber().Publish(RunBus.Events(id), json, CommandFlags.FireAndForget);
        Db.HashSet(RunBus.Run(id), "last", json, flags: CommandFlags.FireAndForget);
    };

    void Obey(RunHandle run, string message)
    {
        try
        {
            var control = RunJson.Read<RunControl>(message);
            if (control.Stop) run.Cancel();
            else if (control.Switches is { } switches && run.Control.HasSwitches) run.ChangeSwitches(switches);
        }
        catch (Exception e)
        {
            logger.LogWarning("Ignored a control message for run {Run}: {Message}", run.Id, e.Message);  // malformed or invalid switches
        }
    }

    // The run's end in its record (its last frame is there already, from Forward) and to its watchers, then the job
    // acknowledged and removed from the stream.
    void Finish(string id, RedisKey stream, RedisValue entry, ChannelMessageQueue control, RunState state, string? error,
        IReadOnlyList<Core.Methods.RobustPerturbation.SwitchChange>? schedule)
    {
        try
        {
            control.Unsubscribe();
            var record = RunBus.Run(id);
            var fields = new List<HashEntry> { new("state", state.ToString()), new("error", error ?? "") };
            if (schedule is not null) fields.Add(new("schedule", RunJson.Write(schedule)));
            Db.HashSet(record, [.. fields]);
            Db.KeyExpire(record, RunBus.Kept);
            redis.GetSubscriber().Publish(RunBus.Events(id), RunJson.Write(new RunEvent(null, state, error, schedule)));
            Done(stream, entry);
        }
        catch (RedisException e)
        {
            logger.LogError(e, "Could not record the end of run {Run}; another worker will take it again after {Seconds} s", id, options.ClaimAfterSeconds);
        }
    }

    void Done(RedisKey stream, RedisValue entry)
    {
        Db.StreamAcknowledge(stream, RunBus.Group, entry);
        Db.StreamDelete(stream, [entry]);
    }

    volatile bool leaving;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        leaving = true;
        await base.StopAsync(cancellationToken);
        try
        {
            Db.HashDelete(RunBus.Workers, identity.Name);
        }
        catch (RedisException)
        {
        }
    }
}
