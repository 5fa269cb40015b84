using RpPlayground.Web.Hosting;
using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Metrics.Sanity;
using RpPlayground.Core.Models;
using RpPlayground.Web.Components.Evaluation;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Evaluation;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Components.Pages;

/// <summary>
/// The weight-randomisation sanity check: each chosen method, one queued job each, explains the image on the trained
/// model and after each layer is re-initialised; the maps and their similarity to the trained map are shown.
/// </summary>
public partial class Sanity : IDisposable
{
    readonly CancellationTokenSource closing = new();
    readonly MethodJobs<IReadOnlyList<SanityStage>> jobs = new();
    readonly HashSet<string> chosen = ["gradient", "gradcam", "rp"];
    readonly List<(string Method, IReadOnlyList<SanityStage> Stages, string[] Pictures)> results = [];
    RunSubject subject = default!;
    RandomisationMode mode;
    bool busy;
    string status = "Choose an image, a class and methods.";
    string? error;

    [Inject] ModelCatalog Catalog { get; set; } = default!;

    [Inject] SampleCatalog Samples { get; set; } = default!;

    [Inject] EvaluationService Evaluation { get; set; } = default!;

    [Inject] RunClient Client { get; set; } = default!;

    protected override void OnInitialized() => subject = RunSubject.Default(Catalog, Samples);

    void Toggle(string id, bool on)
    {
        if (on) chosen.Add(id);
        else chosen.Remove(id);
    }

    /// <summary>The stages: 1 is the trained model, then one more layer randomised each (named in the grid above).</summary>
    string StageAxis => results.Count == 0 || results[0].Stages.Count < 2 ? "stage" : $"stage (1 trained, then {results[0].Stages[1].Layer} … {results[0].Stages[^1].Layer} randomised)";

    IReadOnlyList<ChartSeries> Curve(Func<MapSimilarity, double> measure) =>
        results.Select((r, k) => new ChartSeries(r.Method, ChartSeries.PaletteColour(k), r.Stages.Select(s => measure(s.Similarity)).ToArray())).ToArray();

    async Task CheckAsync()
    {
        (busy, error) = (true, null);
        results.Clear();
        var size = Catalog.Find(subject.ModelId).Spec.InputSize;
        try
        {
            Client.CountStart();
            status = $"{mode} randomisation: each method waits its turn in the queue, then explains once per layer.";
            var methods = MethodCatalog.Ids.Where(chosen.Contains).ToArray();
            var (checkedMode, seed) = (mode, 0);
            var finished = await jobs.RunAsync(methods, method => Evaluation.Sanity(subject, method, checkedMode, seed, Client.Id), () => InvokeAsync(StateHasChanged), closing.Token);
            results.AddRange(finished.Select(f => (f.Method, f.Result, f.Result.Select(s => MapThumbnail.DataUrl(s.Map, size)).ToArray())));
            status = results.Count == 0
                ? "No method finished (stopped or failed: see above)."
                : $"{mode} randomisation of {Catalog.Find(subject.ModelId).Spec.Id}: {results.Count} of {methods.Length} methods, {results[0].Stages.Count - 1} layers.";
        }
        catch (Exception e) when (UserFailure.Is(e))
        {
            error = e.Message;
        }
        finally
        {
            busy = false;
        }
        if (!closing.IsCancellationRequested) await InvokeAsync(StateHasChanged);
    }

    public void Dispose()
    {
        closing.Cancel();
        closing.Dispose();
    }
}
