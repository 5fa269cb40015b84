using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using StackExchange.Redis;

namespace RpPlayground.Runs.Remote;

/// <summary>
/// How web nodes and workers talk through Redis, in one place: the keys, and the messages as JSON.
/// <list type="bullet">
/// <item><c>rp:jobs:{model}</c>, a stream read by the consumer group <c>workers</c>: one entry per run to do, holding
/// the <see cref="RemoteJob"/> (the validated definition and the image's PNG), so a worker needs no web node.</item>
/// <item><c>rp:run:{id}</c>, a hash: the run's definition, owner, control digest, state, error, last frame (as its
/// <see cref="RunEvent"/>), schedule and attempts, kept a day after the run ends, so any node can show it and check its control right.</item>
/// <item><c>rp:run:{id}:events</c>, a channel: every frame and every change of state (<see cref="RunEvent"/>), to whichever web nodes watch.</item>
/// <item><c>rp:run:{id}:control</c>, a channel: stop and switch changes (<see cref="RunControl"/>) for the worker running it.</item>
/// <item><c>rp:workers</c>, a hash: each worker's heartbeat (<see cref="WorkerBeat"/>).</item>
/// </list>
/// </summary>
public static class RunBus
{
    public const string Group = "workers";

    public static RedisKey Jobs(string modelId) => $"rp:jobs:{modelId}";

    public static RedisKey Run(string runId) => $"rp:run:{runId}";

    public static RedisChannel Events(string runId) => RedisChannel.Literal($"rp:run:{runId}:events");

    public static RedisChannel Control(string runId) => RedisChannel.Literal($"rp:run:{runId}:control");

    public static readonly RedisKey Workers = "rp:workers";

    /// <summary>How long a run's record stays after it ends (and at most while it waits or runs).</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromDays(1);

    /// <summary>A field of a job stream entry or a run's hash, as a string (empty when absent).</summary>
    public static string Field(HashEntry[] entries, string name) => entries.FirstOrDefault(e => e.Name == name).Value.ToString();
}

/// <summary>A run for a worker: its id and owner, its validated definition, and the image it runs on as PNG bytes.</summary>
public sealed record RemoteJob(string RunId, string Client, RunRequest Request, byte[] Image);

/// <summary>
/// What happened to a run: a frame (with when the worker published it, Unix milliseconds, so latency is measured from
/// the optimiser and not from the web node), or a new state (with the error and, at the end, the switch changes the
/// optimiser used).
/// </summary>
public sealed record RunEvent(Frame? Frame, RunState? State = null, string? Error = null, IReadOnlyList<SwitchChange>? Schedule = null, double? PublishedAtMs = null);

/// <summary>An order for the worker running a run: stop it, or change its switches from the next iteration.</summary>
public sealed record RunControl(bool Stop, RpSwitches? Switches = null);

/// <summary>A worker's heartbeat: its name, the models it runs, its device, how many runs it has, when it was sent.</summary>
public sealed record WorkerBeat(string Name, IReadOnlyList<string> Models, string Device, int Running, DateTimeOffset At);
