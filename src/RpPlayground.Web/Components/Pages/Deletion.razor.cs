using RpPlayground.Web.Hosting;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Metrics.Deletion;
using RpPlayground.Core.Models;
using RpPlayground.Web.Components.Evaluation;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Evaluation;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Components.Pages;

/// <summary>
/// The deletion and insertion games: every method explains the chosen image, one queued job per method, and its map
/// orders the pixels of the game; the curves, their areas and the image at any step are shown.
/// </summary>
public partial class Deletion : IDisposable
{
    static readonly IFormatProvider Invariant = CultureInfo.InvariantCulture;

    readonly CancellationTokenSource closing = new();
    readonly MethodJobs<DeletionResult> jobs = new();
    readonly List<DeletionResult> results = [];
    RunSubject subject = default!;
    StepImage? stepImage;
    bool insertion;
    bool busy;
    string status = "Choose an image and a class, then play.";
    string? error;
    string? shown;
    int step;

    [Inject] ModelCatalog Catalog { get; set; } = default!;

    [Inject] SampleCatalog Samples { get; set; } = default!;

    [Inject] EvaluationService Evaluation { get; set; } = default!;

    [Inject] RunClient Client { get; set; } = default!;

    DeletionOptions Game => insertion ? DeletionOptions.InsertionGame : DeletionOptions.Deletion;

    string ClassLabel => Catalog.Find(subject.ModelId).IsAvailable && subject.Target >= 0 ? Catalog.Get(subject.ModelId).Labels[subject.Target] : "";

    int MaxStep => results.Count == 0 ? 0 : results[0].Curve.Length - 1;

    IEnumerable<DeletionResult> Ranked => insertion ? results.OrderByDescending(r => r.Auc) : results.OrderBy(r => r.Auc);

    // The methods of the last game that have no score, with why (stopped, cut at the time limit, failed, not started).
    IEnumerable<MethodJobRow> Unscored => busy ? [] : jobs.Rows.Where(row => results.All(r => r.Method != row.Method));

    IReadOnlyList<ChartSeries> Curves => results.Select((r, k) => new ChartSeries($"{r.Method} (AUC {r.Auc.ToString("0.000", Invariant)})", ChartSeries.PaletteColour(k), r.Curve.Select(v => (double)v).ToArray())).ToArray();

    protected override void OnInitialized() => subject = RunSubject.Default(Catalog, Samples);

    async Task PlayAsync()
    {
        (busy, error) = (true, null);
        results.Clear();
        try
        {
            Client.CountStart();
            status = $"{(insertion ? "Insertion" : "Deletion")} game on {ClassLabel}: each method waits its turn in the queue, explains, then plays.";
            var game = Game;
            var finished = await jobs.RunAsync(MethodCatalog.Ids, method => Evaluation.Deletion(subject, method, game, Client.Id), () => InvokeAsync(StateHasChanged), closing.Token);
            results.AddRange(finished.Select(f => f.Result));
            status = results.Count == MethodCatalog.Ids.Count
                ? $"{(insertion ? "Insertion" : "Deletion")} game on {ClassLabel}: {results.Count} methods."
                : $"{(insertion ? "Insertion" : "Deletion")} game on {ClassLabel}: {results.Count} of {MethodCatalog.Ids.Count} methods (stopped or failed: see above).";
            if (results.Count > 0)
            {
                shown = results[0].Method;
                step = MaxStep / 4;
            }
        }
        catch (Exception e) when (UserFailure.Is(e))
        {
            error = e.Message;
        }
        finally
        {
            busy = false;
        }
        if (closing.IsCancellationRequested) return;
        await InvokeAsync(StateHasChanged);
        await DrawAsync();
    }

    async Task ShowMethodAsync(string method)
    {
        shown = method;
        await DrawAsync();
    }

    async Task StepAsync(int value)
    {
        step = value;
        await DrawAsync();
    }

    async Task DrawAsync()
    {
        if (stepImage is null || results.FirstOrDefault(r => r.Method == shown) is not { } result) return;
        var size = Catalog.Find(subject.ModelId).Spec.InputSize;
        await stepImage.DrawAsync($"samples/image/{subject.ImageId}", result.Steps, size, step, insertion, Game.Substrate.Sigma);
    }

    public void Dispose()
    {
        closing.Cancel();
        closing.Dispose();
    }
}
