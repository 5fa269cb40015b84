using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using StackExchange.Redis;

namespace RpPlayground.Web.Runs.Remote;

/// <summary>
/// A web node's side of <c>Runs:Backend = Redis</c>: runs go to the workers through their model's job stream, and a
/// run's handle here is fed by its events channel (frames, states), so the pages, the API and the hub work as they do
/// in-process. Stop and switch changes go to the worker on the run's control channel; the control right is checked here,
/// against the token's digest in the run's record. A run started on another node is found by its id
/// (<see cref="Attach"/>). Nothing here runs a model.
/// </summary>
public sealed class RemoteRuns : IDisposable
{
    readonly IConnectionMultiplexer redis;
    readonly ILogger<RemoteRuns> logger;
    readonly System.Collections.Concurrent.ConcurrentDictionary<RunHandle, int> followed = new();
    readonly Timer sweep;

    public RemoteRuns(IConnectionMultiplexer redis, ILogger<RemoteRuns> logger)
    {
        this.redis = redis;
        this.logger = logger;
        sweep = new Timer(_ => Sweep(), null, SweepEvery, SweepEvery);
    }

    /// <summary>How often the runs followed here are checked for a record Redis lost.</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(10);

    IDatabase Db => redis.GetDatabase();

    // The runs followed here, checked against their records: one whose record says it ended is ended here too (its
    // last event was missed: a subscription that lagged behind a reconnect). One whose record is gone at two checks in
    // a row (Redis restarted without its data, and no worker writes to it) will never run or end: it ends here with a
    // message, so its owner is told and its client's share frees up.
    void Sweep()
    {
        foreach (var (run, misses) in followed)
        {
            if (run.Finished.IsCompleted)
            {
                followed.TryRemove(run, out _);
                continue;
            }
            try
            {
                var fields = Db.HashGetAll(RunBus.Run(run.Id));
                if (fields.Length > 0)
                {
                    followed[run] = 0;
                    if (Recorded(fields) is { State: RunState.Completed or RunState.Failed or RunState.Cancelled } end) Apply(run, end);
                }
                else if (misses >= 1) run.End(RunState.Failed, "The run queue lost this run (Redis restarted without its data); start it again.");
                else followed[run] = misses + 1;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return;  // Redis away: nothing can be told apart until it is back
            }
            catch (Exception e)
            {
                // A timer's callback must not throw (it would end the process): the node shutting down, a bad record.
                logger.LogWarning(e, "Checking run {Run} against its record failed", run.Id);
                return;
            }
        }
    }

    // A run's record as an event: its state, error, schedule and last frame (kept as the frame's own event).
    static RunEvent Recorded(HashEntry[] fields)
    {
        var last = RunBus.Field(fields, "last");
        var schedule = RunBus.Field(fields, "schedule");
        return new RunEvent(last.Length > 0 ? RunJson.Read<RunEvent>(last).Frame : null,
            Enum.TryParse<RunState>(RunBus.Field(fields, "state"), out var state) ? state : null,
            NullIfEmpty(RunBus.Field(fields, "error")),
            schedule.Length > 0 ? RunJson.Read<IReadOnlyList<SwitchChange>>(schedule) : null);
    }

    /// <summary>Whether the node's connection to Redis is up.</summary>
    public bool Connected => redis.IsConnected;

    /// <summary>Hands a validated run to the workers: its record, a subscription to its events, then its job; throws <see cref="QueueFullException"/> when Redis cannot be reached.</summary>
    public void Submit(RunHandle run, byte[] image)
    {
        try
        {
            Follow(run);
            var record = RunBus.Run(run.Id);
            Db.HashSet(record, [
                new("definition", RunJson.Write(run.Request)), new("client", run.Client), new("control", run.ControlDigest),
                new("state", nameof(RunState.Queued)),
            ]);
            Db.KeyExpire(record, RunBus.Kept);
            Db.StreamAdd(RunBus.Jobs(run.Request.ModelId), "job", RunJson.Write(new RemoteJob(run.Id, run.Client, run.Request, image)));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not hand run {Run} to the workers", run.Id);
            run.End(RunState.Failed, "The run queue cannot be reached.");
            throw new QueueFullException("The run queue (Redis) cannot be reached right now; try again in a moment.");
        }
    }

    /// <summary>
    /// A run started on any node, by its id, as its record says now and fed by its events from here on; null when Redis
    /// has no such run; <see cref="QueueFullException"/> (busy, try again) when Redis does not answer.
    /// </summary>
    public async Task<RunHandle?> AttachAsync(string id)
    {
        HashEntry[] fields;
        try
        {
            fields = await Db.HashGetAllAsync(RunBus.Run(id));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not look up run {Run}", id);
            throw new QueueFullException("The run queue (Redis) is not answering right now, so this run cannot be looked up; try again in a moment.");
        }
        if (fields.Length == 0 || RunBus.Field(fields, "definition") is not { Length: > 0 } definition) return null;
        var request = RunJson.Read<RunRequest>(definition);
        var switches = MethodCatalog.Get(request.Method).HasLiveSwitches ? new RpLiveSwitches(request.Settings.Switches, request.Schedule) : null;
        // Its owner is a client of another node: here it counts against no one's share.
        var run = RunHandle.Elsewhere(id, request, switches, "elsewhere:" + RunBus.Field(fields, "client"), RunBus.Field(fields, "control"));
        Follow(run);
        try
        {
            fields = await Db.HashGetAllAsync(RunBus.Run(id));  // read again once subscribed: an end between the two reads is in this one
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not read run {Run} again; the check of followed runs will", id);
        }
        Apply(run, Recorded(fields));
        return run;
    }

    static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    // Events to the handle in the order they were published; stop and switch changes out to the worker.
    void Follow(RunHandle run)
    {
        var events = redis.GetSubscriber().Subscribe(RunBus.Events(run.Id));
        events.OnMessage(message =>
        {
            try
            {
                Apply(run, RunJson.Read<RunEvent>(message.Message!));
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Ignored an event of run {Run} that could not be applied", run.Id);  // a malformed one; never let it reach Redis's reader
            }
        });
        followed[run] = 0;
        run.Finished.ContinueWith(_ =>
        {
            events.Unsubscribe();
            followed.TryRemove(run, out var _);
        }, TaskScheduler.Default);
        run.Token.Register(() => Stop(run.Id));
        run.SwitchesChanged = switches => Send(run.Id, new RunControl(Stop: false, switches));
    }

    static void Apply(RunHandle run, RunEvent change)
    {
        if (run.Finished.IsCompleted) return;
        if (change.Frame is not null || change.State == RunState.Running)
            if (run.State == RunState.Queued) run.Started();
        if (change.Frame is { } frame) run.Publish(frame, change.PublishedAtMs);
        if (change.State is RunState.Completed or RunState.Failed or RunState.Cancelled)
        {
            run.ScheduleElsewhere = change.Schedule;
            run.End(change.State.Value, change.Error);
        }
    }

    // A stop is remembered in the record (a worker that takes the job later skips it) and sent to a worker running it;
    // a run no worker has taken yet ends here and now for everyone watching.
    void Stop(string id)
    {
        try
        {
            var record = RunBus.Run(id);
            Db.HashSet(record, "stop", 1);
            Send(id, new RunControl(Stop: true));
            if (Db.HashGet(record, "state") == nameof(RunState.Queued))
            {
                Db.HashSet(record, [new("state", nameof(RunState.Cancelled)), new("error", "Stopped.")]);
                redis.GetSubscriber().Publish(RunBus.Events(id), RunJson.Write(new RunEvent(null, RunState.Cancelled, "Stopped.")));
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not stop run {Run}", id);
        }
    }

    void Send(string id, RunControl control)
    {
        try
        {
            redis.GetSubscriber().Publish(RunBus.Control(id), RunJson.Write(control));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not send a control message to run {Run}", id);
        }
    }

    /// <summary>The workers whose heartbeat arrived in the last <paramref name="seen"/>, newest first; empty when Redis cannot be reached.</summary>
    public IReadOnlyList<WorkerBeat> Workers(TimeSpan seen)
    {
        try
        {
            var now = DateTimeOffset.UtcNow;
            return Db.HashGetAll(RunBus.Workers).Select(e => RunJson.Read<WorkerBeat>(e.Value!))
                .Where(w => now - w.At <= seen).OrderByDescending(w => w.At).ToArray();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return [];
        }
    }

    public void Dispose() => sweep.Dispose();
}
