namespace RpPlayground.Runs.Scheduling;

/// <summary>
/// The runs waiting for a run thread, fair between clients: each client's runs keep their order, and clients take
/// turns (round robin), so one client with many runs waits behind everybody's first run instead of everybody waiting
/// behind all of its runs. Bounded; every operation, the queue positions included, happens under one lock. It never
/// blocks: <see cref="JobScheduler"/> wakes its threads when there is work.
/// </summary>
public sealed class FairRunQueue(int capacity)
{
    readonly Lock gate = new();
    readonly LinkedList<string> turns = new();  // clients with waiting runs, the next to be served first
    readonly Dictionary<string, LinkedList<QueuedJob>> waiting = [];
    int count;

    /// <summary>Queues the run behind its client's earlier runs; false when the queue is full.</summary>
    public bool TryAdd(QueuedJob run)
    {
        lock (gate)
        {
            if (count >= capacity) return false;
            if (!waiting.TryGetValue(run.Client, out var runs))
            {
                waiting[run.Client] = runs = new LinkedList<QueuedJob>();
                turns.AddLast(run.Client);
            }
            runs.AddLast(run);
            count++;
        }
        return true;
    }

    /// <summary>Takes a run out before its turn (it was stopped while waiting); false when it is not waiting.</summary>
    public bool Remove(QueuedJob run)
    {
        lock (gate)
        {
            if (!waiting.TryGetValue(run.Client, out var runs) || !runs.Remove(run)) return false;
            count--;
            if (runs.Count == 0) Forget(run.Client);
            return true;
        }
    }

    /// <summary>The next run by turn, or null when none waits.</summary>
    public QueuedJob? TryTake()
    {
        lock (gate)
        {
            if (turns.First is not { } first) return null;
            var client = first.Value;
            var runs = waiting[client];
            var run = runs.First!.Value;
            runs.RemoveFirst();
            count--;
            turns.RemoveFirst();
            if (runs.Count > 0) turns.AddLast(client);
            else waiting.Remove(client);
            return run;
        }
    }

    /// <summary>How many waiting runs will start before this one (0: it is next), or null when it is not waiting.</summary>
    public int? PositionOf(QueuedJob run)
    {
        lock (gate)
        {
            if (!waiting.TryGetValue(run.Client, out var own)) return null;
            var index = 0;
            foreach (var mine in own)
            {
                if (ReferenceEquals(mine, run)) break;
                index++;
            }
            if (index == own.Count) return null;
            // Round robin: every client ahead of this one in the turns serves up to index + 1 runs first, every one after it up to index.
            var ahead = index;
            var before = true;
            foreach (var client in turns)
            {
                if (client == run.Client) before = false;
                else ahead += Math.Min(waiting[client].Count, before ? index + 1 : index);
            }
            return ahead;
        }
    }

    void Forget(string client)
    {
        waiting.Remove(client);
        turns.Remove(client);
    }
}
