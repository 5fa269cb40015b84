using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Masks;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Runs.Rounds;
using RpPlayground.Runs.Scheduling;
using static TorchSharp.torch;

namespace RpPlayground.Runs;

/// <summary>
/// Runs explanation runs in this process: each waits in the scheduler's queue for a run thread; a mask-optimising run
/// (RP, MP, EP) then steps in its model's rounds (the round thread does the model work, the run thread waits), any
/// other runs on the run thread itself. The run's image is decoded and prepared for the model when it starts: its own
/// (a run a worker took from Redis carries it) or the sample or upload it names.
/// </summary>
public sealed class InProcessExecutor(JobScheduler scheduler, RoundThreads rounds, ModelCatalog catalog, IRunImages images) : IRunExecutor
{
    public RunHandle Create(string id, RunRequest request, string client) => Create(id, request, client, carried: null);

    /// <summary>A run that carries its image (PNG or JPEG bytes, checked like an upload when it starts).</summary>
    public RunHandle Create(string id, RunRequest request, string client, byte[]? carried)
    {
        var method = MethodCatalog.Get(request.Method);
        var switches = method.HasLiveSwitches ? new RpLiveSwitches(request.Switches!, request.Schedule) : null;
        return new RunHandle(id, request, client, new LocalControl(switches, request.Schedule), scheduler.PositionOf, (run, context) => Execute(run, context, carried))
        {
            Batched = method.Kind == MethodKind.MaskOptimising,
        };
    }

    public ValueTask SubmitAsync(RunHandle run, CancellationToken cancellation)
    {
        if (!scheduler.TryQueue(run))
        {
            run.End(RunState.Failed, "The server was busy.");
            throw new QueueFullException("The server is busy: its queue is full. Try again in a minute.");
        }
        return ValueTask.CompletedTask;
    }

    void Execute(RunHandle run, JobContext context, byte[]? carried)
    {
        var request = run.Request;
        var classifier = catalog.Get(request.ModelId);
        if (request.Target < 0 || request.Target >= classifier.Labels.Count)
            throw new UnknownLabelException($"Model '{request.ModelId}' has no class {request.Target}.");
        var method = MethodCatalog.Get(request.Method).Create(request.Options, (run.Control as LocalControl)?.Switches);
        if (run.Batched)
        {
            var masks = (MaskOptimisationMethod)method;
            rounds.Of(classifier).Run(() =>
            {
                using var scope = NewDisposeScope();  // the prepared pixels; the stepper keeps what it needs
                return masks.Begin(Prepared(request, classifier, carried));
            }, frame => run.Publish(frame), context).GetAwaiter().GetResult();
            return;
        }
        using var frames = NewDisposeScope();
        foreach (var frame in method.Run(Prepared(request, classifier, carried), context.Cancellation))
        {
            run.Publish(frame);
            context.Step((double)frame.Iteration / frame.Iterations);
        }
    }

    // The run's image decoded and prepared for the classifier, in the caller's dispose scope.
    ExplanationRequest Prepared(RunRequest request, ImageClassifier classifier, byte[]? carried)
    {
        using var image = carried is not null ? images.Decode(carried) : images.Decode(request.SampleId);
        return new ExplanationRequest(classifier, classifier.Prepare(image), request.Target, [], request.Seed);
    }
}
