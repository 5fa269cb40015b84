using System.Threading.Channels;

namespace RpPlayground.Runs.Scheduling;

/// <summary>
/// Short model work that must not wait its turn in the queue (classifying an image for the class picker): an idle run
/// thread serves all of it at once, and a busy one one piece between two steps of its job, so the piece waits about
/// one step and no stream of pieces holds a job up by more than one piece a step. Bounded: over 256 waiting pieces, the
/// next is refused as busy.
/// </summary>
public sealed class PriorityLane
{
    readonly Channel<Action> pieces = Channel.CreateBounded<Action>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Queues <paramref name="work"/>; its task completes with its result on the run thread that serves it.</summary>
    public Task<T> Add<T>(Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Piece()
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
        if (!pieces.Writer.TryWrite(Piece)) result.SetException(new QueueFullException("The server is busy; try again in a moment."));
        return result.Task;
    }

    /// <summary>Serves one piece, if one waits (between two steps of a job).</summary>
    public void ServeOne()
    {
        if (pieces.Reader.TryRead(out var piece)) piece();
    }

    /// <summary>Serves every waiting piece (an idle run thread).</summary>
    public void ServeAll()
    {
        while (pieces.Reader.TryRead(out var piece)) piece();
    }
}
