using System.Threading.Channels;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Masks;
using RpPlayground.Runs.Scheduling;

namespace RpPlayground.Runs.Rounds;

/// <summary>
/// The thread on which one model's mask-optimising runs (RP, MP, EP) advance together: every round takes each run one
/// iteration further, its runs grouped into <see cref="MaskRound"/>s of at most <c>maxBatch</c> images that share a
/// forward and backward pass. A run joins at the next round and leaves when it is done, fails, is stopped or runs out
/// of time, without holding the others up, so every run in flight shows its frames from the start. Between rounds the
/// thread serves the priority lane; with no run it sleeps until one joins. A run's own worker thread only waits for
/// <see cref="Run"/> (it does no model work, so LibTorch stays on one thread).
/// </summary>
sealed class RoundThread : IDisposable
{
    sealed class Member(Func<MaskStepper> begin, Action<Frame> publish, JobContext context)
    {
        public Func<MaskStepper> Begin { get; } = begin;
        public Action<Frame> Publish { get; } = publish;
        public JobContext Context { get; } = context;
        public MaskStepper? Stepper { get; set; }
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    readonly Channel<Member> joining = Channel.CreateUnbounded<Member>(new UnboundedChannelOptions { SingleReader = true });
    readonly List<Member> members = [];
    readonly Thread thread;
    readonly int maxBatch;
    readonly Action betweenRounds;
    readonly CancellationToken stopping;

    public RoundThread(string name, int maxBatch, Action betweenRounds, CancellationToken stopping)
    {
        this.maxBatch = maxBatch;
        this.betweenRounds = betweenRounds;
        this.stopping = stopping;
        thread = new Thread(Loop) { IsBackground = true, Name = $"rp-rounds-{name}" };
        thread.Start();
    }

    /// <summary>Runs the stepper that <paramref name="begin"/> makes (on this thread) to its end, publishing every frame and the clean last one.</summary>
    public Task Run(Func<MaskStepper> begin, Action<Frame> publish, JobContext context)
    {
        var member = new Member(begin, publish, context);
        if (!joining.Writer.TryWrite(member)) member.Done.SetCanceled(stopping);
        return member.Done.Task;
    }

    /// <summary>Runs in the rounds now (for tests and the status line).</summary>
    public int Members => Volatile.Read(ref memberCount);

    int memberCount;

    void Loop()
    {
        while (!stopping.IsCancellationRequested)
        {
            betweenRounds();
            Admit();
            if (members.Count == 0)
            {
                if (!WaitForRuns()) break;  // disposed: no run will join
                continue;
            }
            Round();
        }
        joining.Writer.TryComplete();
        foreach (var member in members.ToArray()) Leave(member, new OperationCanceledException(stopping));
        while (joining.Reader.TryRead(out var late)) late.Done.TrySetCanceled(stopping);
    }

    void Admit()
    {
        while (joining.Reader.TryRead(out var member))
        {
            try
            {
                member.Context.Cancellation.ThrowIfCancellationRequested();
                member.Stepper = member.Begin();
                members.Add(member);
            }
            catch (Exception e)
            {
                member.Done.TrySetException(e);
            }
        }
        Volatile.Write(ref memberCount, members.Count);
    }

    // Sleeps until a run joins (idle run threads serve the priority lane meanwhile); false once no run can join.
    bool WaitForRuns()
    {
        try
        {
            return joining.Reader.WaitToReadAsync(stopping).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    void Round()
    {
        foreach (var member in members.Where(m => m.Context.Cancellation.IsCancellationRequested).ToArray())
            Leave(member, new OperationCanceledException(member.Context.Cancellation));
        foreach (var group in Groups(members.ToArray())) Step(group);
    }

    // Consecutive runs, as many as fit in maxBatch images (a run alone even if it does not).
    IEnumerable<Member[]> Groups(Member[] all)
    {
        var group = new List<Member>();
        var images = 0;
        foreach (var member in all)
        {
            var size = member.Stepper!.ImagesPerStep;
            if (group.Count > 0 && images + size > maxBatch)
            {
                yield return group.ToArray();
                (group, images) = ([], 0);
            }
            group.Add(member);
            images += size;
        }
        if (group.Count > 0) yield return group.ToArray();
    }

    void Step(Member[] stepping)
    {
        var results = MaskRound.Step(stepping.Select(m => m.Stepper!).ToArray());
        for (var i = 0; i < stepping.Length; i++)
        {
            var member = stepping[i];
            try
            {
                var frame = results[i].FrameOrThrow();
                member.Publish(frame);
                member.Context.Step((double)frame.Iteration / frame.Iterations);
                if (!member.Stepper!.Done) continue;
                member.Publish(member.Stepper.CleanFrame());
                Leave(member, null);
            }
            catch (Exception e)
            {
                Leave(member, e);
            }
        }
    }

    void Leave(Member member, Exception? error)
    {
        members.Remove(member);
        Volatile.Write(ref memberCount, members.Count);
        member.Stepper?.Dispose();
        member.Stepper = null;
        if (error is null) member.Done.TrySetResult();
        else member.Done.TrySetException(error);
    }

    public void Dispose()
    {
        joining.Writer.TryComplete();
        if (thread.IsAlive) thread.Join(TimeSpan.FromSeconds(5));
    }
}
