using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Models;
using RpPlayground.Core.Torch;
using RpPlayground.Runs;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Tests;

/// <summary>
/// The gallery's recordings are what the engine does: each example run afresh ends where its recording ends, and every
/// number a card's sentence quotes is one its recording holds, so captions cannot drift from the engine. "Ends where"
/// is close (probabilities within 0.01, every map value within 0.05) on a machine like the recording's
/// (<see cref="CpuKernels.Machine"/>); on another, whose vector kernels round differently, 150 steps carry the
/// difference far (tiger cat 0.31 against 0.21 between this project's machines with and without AVX-512, before
/// <see cref="CpuKernels"/> pinned the kernels), so there the fresh run is held to its unoptimised scores exactly and to loose bounds otherwise (probabilities within
/// 0.25, the map within 0.1 on average).
/// Recording them again (after a change to the engine or the examples):
/// <c>dotnet test tests/RpPlayground.Web.Tests --filter FullyQualifiedName~GalleryRecordingTests.RecordTheGallery -- xUnit.Explicit=only</c>
/// (<c>RP_GALLERY_ONLY=id,id</c> records only those examples).
/// </summary>
public sealed partial class GalleryRecordingTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    GalleryCatalog Gallery => factory.Services.GetRequiredService<GalleryCatalog>();

    ModelCatalog Catalog => factory.Services.GetRequiredService<ModelCatalog>();

    // Every frame the run publishes, maps included (a run's history keeps its frames without their maps).
    async Task<IReadOnlyList<Frame>> RunAsync(RunRequest request)
    {
        var frames = new List<Frame>();
        var image = factory.Services.GetRequiredService<ImageLibrary>().Bytes(request.SampleId)!;
        using var run = factory.Services.GetRequiredService<RunService>().StartCarried($"gallery-{Guid.NewGuid():N}", request, image, "gallery-recording-test", frames.Add);
        await run.Finished.WaitAsync(Token);
        Assert.Equal(RunState.Completed, run.State);
        return frames;
    }

    [Fact(Explicit = true)]
    public async Task RecordTheGallery()
    {
        var only = Environment.GetEnvironmentVariable("RP_GALLERY_ONLY")?.Split(',');  // some examples only, by id
        foreach (var item in Gallery.Items.Where(i => only is null || only.Contains(i.Id)))
        {
            var request = item.Request(Catalog);
            var recording = GalleryRecording.Of(request, await RunAsync(request));
            var path = Path.Combine(RepositoryFolder.Path, "samples", "gallery", $"{item.Id}.json.gz");
            recording.Save(path);
            var last = recording.Frames[^1].Frame;
            TestContext.Current.SendDiagnosticMessage($"{item.Id}: {recording.Frames.Count} frames, {new FileInfo(path).Length / 1024} KiB; " +
                string.Join(", ", last.Classes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Label} {c.Original:0.00}/{c.Perturbed:0.00}/{c.Reversed:0.00}"))));
        }
    }

    [Fact]
    public async Task EachRecordingEndsWhereAFreshRunOfItsExampleEnds()
    {
        Assert.NotEmpty(Gallery.Items);
        foreach (var item in Gallery.Items)
        {
            var recording = Gallery.Recording(item);
            Assert.True(recording is not null, $"'{item.Id}' has no recording in samples/gallery");
            var request = item.Request(Catalog);
            Assert.Equal(RunJson.Write(request), RunJson.Write(recording.Definition));  // recorded with the settings its card runs

            var fresh = await RunAsync(request);
            Assert.Equal(fresh.Count, recording.Frames.Count);
            var (recorded, now) = (recording.Replayed()[^1], RecordedFrame.Of(fresh[^1]).ToFrame());
            Assert.True(now.Clean && recorded.Clean);
            var alike = recording.Machine == CpuKernels.Machine;
            var scores = alike ? 0.01 : 0.25;
            TestContext.Current.SendDiagnosticMessage($"{item.Id}: recorded on {recording.Machine ?? "an unnamed machine"}, this is {CpuKernels.Machine}: {(alike ? "close" : "loose")} bounds");
            foreach (var (a, b) in recorded.Classes.Zip(now.Classes))
            {
                Assert.Equal(a.Label, b.Label);
                Assert.True(Math.Abs(a.Perturbed - b.Perturbed) <= scores && Math.Abs(a.Reversed - b.Reversed) <= scores && Math.Abs(a.Original - b.Original) <= 1e-4,
                    $"{item.Id}: {a.Label} recorded {a.Original}/{a.Perturbed}/{a.Reversed}, now {b.Original}/{b.Perturbed}/{b.Reversed}");
            }
            var mapDifferences = recorded.Map.Zip(now.Map, (a, b) => Math.Abs(a - b)).ToArray();
            if (alike) Assert.True(mapDifferences.Max() <= 0.05, $"{item.Id}: the final map differs from its recording by up to {mapDifferences.Max():0.000}");
            else Assert.True(mapDifferences.Average() <= 0.1, $"{item.Id}: the final map differs from its recording by {mapDifferences.Average():0.000} on average");
        }
    }

    [Fact]
    public void EveryNumberACardQuotesIsInItsRecording()
    {
        var wrong = new List<string>();
        foreach (var item in Gallery.Items)
        {
            var last = Gallery.Recording(item)!.Replayed()[^1];
            // What a card may quote: any tracked class's probability on x, x_pt or x_rpt at the end of its run.
            var held = last.Classes.SelectMany(c => new[] { c.Original, c.Perturbed, c.Reversed }).ToArray();
            foreach (Match quoted in Probability().Matches(item.Text))
            {
                var value = double.Parse(quoted.Value, CultureInfo.InvariantCulture);
                var tolerance = 0.5 * Math.Pow(10, -(quoted.Value.Length - 2)) + 1e-6;  // as rounded: 0.98 means [0.975, 0.985]
                if (!held.Any(v => Math.Abs(v - value) <= tolerance)) wrong.Add($"'{item.Id}' quotes {quoted.Value}");
            }
            if (wrong.Count > 0 && wrong[^1].StartsWith($"'{item.Id}'", StringComparison.Ordinal))
                wrong.Add($"  (its recording ends with {string.Join(", ", last.Classes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Label} {c.Original:0.000}/{c.Perturbed:0.000}/{c.Reversed:0.000}")))} on x/x_pt/x_rpt)");
        }
        Assert.True(wrong.Count == 0, "Numbers a card quotes that its recording does not hold:\n" + string.Join("\n", wrong));
    }

    [GeneratedRegex(@"\b[01]\.\d{1,3}\b")]
    private static partial Regex Probability();
}
