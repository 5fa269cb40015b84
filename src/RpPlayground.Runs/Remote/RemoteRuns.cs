using RpPlayground.Core;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using StackExchange.Redis;

namespace RpPlayground.Runs.Remote;

/// <summary>
/// A web node's side of <c>Runs:Backend = Redis</c>, its <see cref="IRunExecutor"/>: runs go to the workers through
/// their model's job stream, and a run's handle here is fed by its events channel (frames, states), so the pages, the
/// API and the hub work as they do in-process. Stop and switch changes go to the worker on the run's control channel
/// (<see cref="RemoteControl"/>); the control right is checked here, against the token's digest in the run's record. A
/// run started on another node is found by its id (<see cref="AttachAsync"/>). Every call to Redis on a request's path
/// is asynchronous and made outside any lock. Nothing here runs a model.
/// </summary>
public sealed class RemoteRuns : IRunExecutor, IDisposable
{
    readonly IConnectionMultiplexer redis;
    readonly RunRegistry registry;
    readonly IRunImages images;
    readonly RunOptions options;
    readonly ILogger<RemoteRuns> logger;
    readonly System.Collections.Concurrent.ConcurrentDictionary<RunHandle, int> followed = new();
    readonly Timer sweep;

    public RemoteRuns(IConnectionMultiplexer redis, RunRegistry registry, IRunImages images, RunOptions options, ILogger<RemoteRuns> logger)
    {
        this.redis = redis;
        this.registry = registry;
        this.images = images;
        this.options = options;
        this.logger = logger;
        sweep = new Timer(_ => Sweep(), null, SweepEvery, SweepEvery);
    }

    /// <summary>How often the runs followed here are checked for a record Redis lost.</summary>
    public static readonly TimeSpan SweepEvery = TimeSpan.FromSeconds(10);

    IDatabase Db => redis.GetDatabase();

    /// <summary>Whether the node's connection to Redis is up.</summary>
    public bool Connected => redis.IsConnected;

    public RunHandle Create(string id, RunRequest request, string client)
    {
        var token = ControlToken.New();
        return Handle(id, request, client, token, ControlToken.Digest(token));
    }

    RunHandle Handle(string id, RunRequest request, string client, string? token, string digest)
    {
        var switches = MethodCatalog.Get(request.Method).HasLiveSwitches ? new RpLiveSwitches(request.Switches!, request.Schedule) : null;
        return new RunHandle(id, request, client, new RemoteControl(token, digest, switches, request.Schedule, control => _ = SendAsync(id, control)), _ => null, execute: null);
    }

    /// <summary>Hands a validated, admitted run to the workers: a subscription to its events, its record, then its job; <see cref="QueueFullException"/> when Redis cannot be reached or this node has its most runs in flight.</summary>
    public async ValueTask SubmitAsync(RunHandle run, CancellationToken cancellation)
    {
        if (registry.InFlight > options.MaxQueued)
        {
            run.End(RunState.Failed, "The server was busy.");
            throw new QueueFullException($"The server is busy: {options.MaxQueued} runs are already waiting. Try again in a minute.");
        }
        var image = images.Bytes(run.Request.SampleId) ?? throw new InvalidRequestException($"There is no image '{run.Request.SampleId}'.");
        try
        {
            await FollowAsync(run);
            var record = RunBus.Run(run.Id);
            await Db.HashSetAsync(record, [
                new("definition", RunJson.Write(run.Request)), new("client", run.Client), new("control", ((RemoteControl)run.Control).Digest),
                new("state", nameof(RunState.Queued)),
            ]);
            await Db.KeyExpireAsync(record, RunBus.Kept);
            await Db.StreamAddAsync(RunBus.Jobs(run.Request.ModelId), "job", RunJson.Write(new RemoteJob(run.Id, run.Client, run.Request, image)));
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
        // Its owner is a client of another node: here it counts against no one's share.
        var run = Handle(id, RunJson.Read<RunRequest>(definition), "elsewhere:" + RunBus.Field(fields, "client"), token: null, RunBus.Field(fields, "control"));
        try
        {
            await FollowAsync(run);
            fields = await Db.HashGetAllAsync(RunBus.Run(id));  // read again once subscribed: an end between the two reads is in this one
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not follow run {Run} yet; the check of followed runs will", id);
        }
        Apply(run, Recorded(fields));
        return run;
    }

    // Events to the handle in the order they were published; a stop out to the worker.
    async Task FollowAsync(RunHandle run)
    {
        followed[run] = 0;
        run.Token.Register(() => _ = StopAsync(run.Id));
        var events = await redis.GetSubscriber().SubscribeAsync(RunBus.Events(run.Id));
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
        _ = run.Finished.ContinueWith(_ =>
        {
            events.Unsubscribe();
            followed.TryRemove(run, out var _);
        }, TaskScheduler.Default);
    }

    static void Apply(RunHandle run, RunEvent change)
    {
        if (run.Finished.IsCompleted) return;
        if (change.Frame is not null || change.State == RunState.Running)
            if (run.State == RunState.Queued) run.Started();
        if (change.Frame is { } frame) run.Publish(frame, change.PublishedAtMs);
        if (change.State is RunState.Completed or RunState.Failed or RunState.Cancelled)
        {
            ((RemoteControl)run.Control).Ended(change.Schedule);
            run.End(change.State.Value, change.Error);
        }
    }

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

    static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    // A stop is remembered in the record (a worker that takes the job later skips it) and sent to a worker running it;
    // a run no worker has taken yet ends here and now for everyone watching.
    async Task StopAsync(string id)
    {
        try
        {
            var record = RunBus.Run(id);
            await Db.HashSetAsync(record, "stop", 1);
            await SendAsync(id, new RunControl(Stop: true));
            if (await Db.HashGetAsync(record, "state") == nameof(RunState.Queued))
            {
                await Db.HashSetAsync(record, [new("state", nameof(RunState.Cancelled)), new("error", "Stopped.")]);
                await redis.GetSubscriber().PublishAsync(RunBus.Events(id), RunJson.Write(new RunEvent(null, RunState.Cancelled, "Stopped.")));
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not stop run {Run}", id);
        }
    }

    async Task SendAsync(string id, RunControl control)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(RunBus.Control(id), RunJson.Write(control));
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
