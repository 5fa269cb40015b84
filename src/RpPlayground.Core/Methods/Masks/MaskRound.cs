using System.Runtime.ExceptionServices;
using RpPlayground.Core.Torch;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Masks;

/// <summary>
/// One iteration of several mask runs on the same classifier together: each run makes its images, one batch goes
/// through the network forward and backward, and each run scores its own slice and steps its own optimiser. The
/// network is in evaluation mode and every run keeps its own generator and optimiser state, so a run's frames do not
/// depend on its companions (up to the last bits of a batched convolution). A run whose images or score fail leaves
/// with its error; if the shared pass itself fails, each run is retried alone, so only the run at fault fails.
/// </summary>
public static class MaskRound
{
    /// <summary>Advances every member by one iteration; a result per member, in order: its frame, or its error.</summary>
    public static IReadOnlyList<RoundResult> Step(IReadOnlyList<MaskStepper> members)
    {
        if (members.Count == 0) return [];
        if (members.Any(m => m.Classifier != members[0].Classifier)) throw new ArgumentException("A round's runs must share one classifier.");
        if (members.Any(m => m.Done)) throw new ArgumentException("A run that has done all its iterations cannot take another step.");
        try
        {
            return Together(members);
        }
        catch (Exception) when (members.Count > 1)
        {
            return members.Select(m => Together([m])[0]).ToArray();
        }
    }

    /// <summary>
    /// Steps the runs in rounds until each is done (a run leaves the rounds when it is), then takes each one's clean
    /// frame: every run's frames, in order. A run that fails throws its error. For batch work and tests; the site's
    /// round thread does the same with runs joining and leaving.
    /// </summary>
    public static List<Frame>[] ToTheEnd(IReadOnlyList<MaskStepper> members)
    {
        var frames = members.Select(_ => new List<Frame>()).ToArray();
        while (members.Any(m => !m.Done))
        {
            var active = Enumerable.Range(0, members.Count).Where(i => !members[i].Done).ToArray();
            var results = Step(active.Select(i => members[i]).ToArray());
            for (var k = 0; k < active.Length; k++) frames[active[k]].Add(results[k].FrameOrThrow());
        }
        for (var i = 0; i < members.Count; i++) frames[i].Add(members[i].CleanFrame());
        return frames;
    }

    static RoundResult[] Together(IReadOnlyList<MaskStepper> members)
    {
        using var scope = NewDisposeScope();
        var results = new RoundResult[members.Count];
        var inputs = new List<(int Member, Tensor Images)>();
        for (var i = 0; i < members.Count; i++)
        {
            try
            {
                inputs.Add((i, members[i].Images()));
            }
            catch (Exception e)
            {
                results[i] = new RoundResult(null, e);
            }
        }
        if (inputs.Count == 0) return results;

        var classifier = members[0].Classifier;
        var logits = classifier.Logits(inputs.Count == 1 ? inputs[0].Images : cat(inputs.Select(p => p.Images).ToArray()));
        var probabilities = classifier.Probabilities(logits);
        var totals = new List<(int Member, Tensor Total)>();
        var offset = 0L;
        foreach (var (member, images) in inputs)
        {
            var count = images.shape[0];
            try
            {
                var (rows, scores) = inputs.Count == 1 ? (logits, probabilities) : (logits.narrow(0, offset, count), probabilities.narrow(0, offset, count));
                totals.Add((member, members[member].Score(rows, scores)));
            }
            catch (Exception e)
            {
                results[member] = new RoundResult(null, e);
            }
            offset += count;
        }
        if (totals.Count == 0) return results;

        foreach (var (member, _) in totals) members[member].ZeroGrad();
        ScalarOps.Sum(totals.Select(t => t.Total)).backward();
        foreach (var (member, _) in totals)
        {
            try
            {
                results[member] = new RoundResult(members[member].Step(), null);
            }
            catch (Exception e)
            {
                results[member] = new RoundResult(null, e);
            }
        }
        return results;
    }
}

/// <summary>A member's outcome of a round: its new frame, or the error that ends it.</summary>
public sealed record RoundResult(Frame? Frame, Exception? Error)
{
    /// <summary>The frame, or the error thrown with its original stack.</summary>
    public Frame FrameOrThrow()
    {
        if (Error is not null) ExceptionDispatchInfo.Throw(Error);
        return Frame!;
    }
}
