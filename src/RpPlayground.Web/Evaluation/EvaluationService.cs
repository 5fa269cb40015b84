using System.Diagnostics;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Metrics.Deletion;
using RpPlayground.Core.Metrics.Sanity;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Runs.Scheduling;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;
using static TorchSharp.torch;

namespace RpPlayground.Web.Evaluation;

/// <summary>
/// The deletion game and the sanity check for the site's pages: each method is one job in the run queue, with its
/// owner's stop, a time limit that fits its size (<see cref="DeletionRuns"/>, <see cref="SanityRuns"/> runs' worth)
/// and its progress, so it waits its turn behind other people's runs and they wait at most one of its steps.
/// </summary>
public sealed class EvaluationService(RunService runs, ModelCatalog catalog, ImageLibrary images)
{
    /// <summary>A deletion game's work in runs: one explanation, then the game's passes (as many again at most: RISE's 4000 masks on darknet-tiny).</summary>
    public const int DeletionRuns = 2;

    /// <summary>A sanity check's work in runs on <paramref name="modelId"/>: one explanation per stage (the model as trained, then each layer randomised).</summary>
    public int SanityRuns(string modelId) => catalog.Get(modelId).Network.Layers.Count + 1;

    /// <summary>Queues: explain the subject with the method (the model's recommended settings), then play the game on its map.</summary>
    public ModelJob<DeletionResult> Deletion(RunSubject subject, string method, DeletionOptions game, string client) =>
        runs.Submit(client, $"deletion game, {method} on {subject.ImageId}", context =>
        {
            var classifier = catalog.Get(subject.ModelId);
            using var image = images.Decode(subject.ImageId);
            using var scope = NewDisposeScope();
            var pixels = classifier.Prepare(image);
            var clock = Stopwatch.StartNew();
            // Explaining is most of the work; the game's batches are the last tenth.
            var (chosen, options) = new MethodChoice(method).Settle(classifier.Spec, classifier.Labels.Count);
            var last = Explain(chosen.Create(options), classifier, pixels, subject.Target, context, 0, 0.9);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            var map = FrameMaps.Resized(last, classifier.InputSize);
            var curve = DeletionGame.Curve(classifier, pixels, map, subject.Target, game, (done, total) => context.Step(0.9 + 0.1 * done / total));
            return new DeletionResult(method, curve, DeletionGame.Auc(curve), DeletionGame.Steps(map, game.PixelsPerStep), elapsed);
        }, DeletionRuns);

    /// <summary>Queues the sanity check of one method on a private copy of the model, every stage in one job.</summary>
    public ModelJob<IReadOnlyList<SanityStage>> Sanity(RunSubject subject, string method, RandomisationMode mode, int seed, string client) =>
        runs.Submit(client, $"sanity check, {method} on {subject.ImageId}", context =>
        {
            using var copy = catalog.LoadCopy(subject.ModelId);
            using var image = images.Decode(subject.ImageId);
            using var scope = NewDisposeScope();
            var pixels = copy.Prepare(image);
            var stages = new List<SanityStage>();
            var count = copy.Network.Layers.Count + 1;
            var (chosen, options) = new MethodChoice(method).Settle(copy.Spec, copy.Labels.Count);
            var explainer = new SteppedMethod(chosen.Create(options),
                frame => context.Step((stages.Count + (double)frame.Iteration / frame.Iterations) / count));
            foreach (var stage in SanityCheck.Run(copy, pixels, subject.Target, explainer, mode, seed, context.Cancellation)) stages.Add(stage);
            return (IReadOnlyList<SanityStage>)stages;
        }, SanityRuns(subject.ModelId));

    // The method's frames on this thread, a step of the job each, progress from `from` to `to`; the last frame.
    static Frame Explain(IExplanationMethod method, ImageClassifier classifier, Tensor pixels, int target, JobContext context, double from, double to)
    {
        Frame? last = null;
        foreach (var frame in method.Run(new ExplanationRequest(classifier, pixels, target, [], 0), context.Cancellation))
        {
            last = frame;
            context.Step(from + (to - from) * frame.Iteration / frame.Iterations);
        }
        return last ?? throw new InvalidOperationException($"{method.Name} produced no frame.");
    }
}
