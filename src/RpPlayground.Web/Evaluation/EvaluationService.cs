using System.Diagnostics;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Metrics.Deletion;
using RpPlayground.Core.Metrics.Sanity;
using RpPlayground.Core.Models;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;
using static TorchSharp.torch;

namespace RpPlayground.Web.Evaluation;

/// <summary>
/// The deletion game and the sanity check for the site's pages, each method as one job on a run thread (LibTorch work
/// never runs on request threads). A job runs between the iterations of whatever else runs there, so a page asks for
/// one method at a time and other users wait at most one explanation.
/// </summary>
public sealed class EvaluationService(RunService runs, ModelCatalog catalog, ImageLibrary images)
{
    /// <summary>Explains the subject with the method (the model's recommended settings) and plays the game on its map.</summary>
    public Task<DeletionResult> DeletionAsync(RunSubject subject, string method, DeletionOptions game, CancellationToken cancellation) => runs.InvokeAsync(() =>
    {
        var classifier = catalog.Get(subject.ModelId);
        using var image = images.Decode(subject.ImageId);
        using var scope = NewDisposeScope();
        var pixels = classifier.Prepare(image);
        var clock = Stopwatch.StartNew();
        var last = MethodCatalog.Get(method).Create(MethodSettings.RecommendedFor(classifier.Spec))
            .FinalFrameAsync(new ExplanationRequest(classifier, pixels, subject.Target, [], 0), cancellation).GetAwaiter().GetResult();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var map = FrameMaps.Resized(last, classifier.InputSize);
        var curve = DeletionGame.Curve(classifier, pixels, map, subject.Target, game);
        return new DeletionResult(method, curve, DeletionGame.Auc(curve), DeletionGame.Steps(map, game.PixelsPerStep), elapsed);
    });

    /// <summary>The sanity check of one method on a private copy of the model, all stages in one job.</summary>
    public Task<IReadOnlyList<SanityStage>> SanityAsync(RunSubject subject, string method, RandomisationMode mode, int seed, CancellationToken cancellation) => runs.InvokeAsync(() =>
    {
        using var copy = catalog.LoadCopy(subject.ModelId);
        using var image = images.Decode(subject.ImageId);
        using var scope = NewDisposeScope();
        var pixels = copy.Prepare(image);
        var stages = new List<SanityStage>();
        RunThreadEnumeration.ForEach(SanityCheck.RunAsync(copy, pixels, subject.Target, MethodCatalog.Get(method).Create(MethodSettings.RecommendedFor(copy.Spec)), mode, seed, cancellation),
            stages.Add, cancellation);
        return (IReadOnlyList<SanityStage>)stages;
    });
}
