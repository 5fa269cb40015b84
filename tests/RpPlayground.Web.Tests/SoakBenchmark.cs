using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Metrics.Deletion;
using RpPlayground.Core.Metrics.Sanity;
using RpPlayground.Core.Torch;
using RpPlayground.Runs;
using RpPlayground.Tests.Shared;
using RpPlayground.Web.Evaluation;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Tests;

/// <summary>
/// A soak of the real host in this process (so its resident memory is this process's): 100 runs and 200 uploads (a
/// quarter of them hostile) through the HTTP API, then 10 deletion games and 10 sanity checks on darknet-tiny through
/// the service the pages use. Prints resident memory at rest, the peak of each phase and job, and after, with the C
/// heap's figures; asserts that nothing failed, no answer was a 500, every page job stayed within the memory budget
/// the README states (<see cref="JobBudget"/>) and the server came back to within 100 MB of rest once the jobs ended.
/// The site runs with one C heap arena (<see cref="NativeHeap.OneArena"/>), so this process must start with it too.
/// A benchmark: explicit, never in the default run:
/// <c>MALLOC_ARENA_MAX=1 dotnet test tests/RpPlayground.Web.Tests --filter Category=Benchmark -- xUnit.Explicit=only</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class SoakBenchmark(ITestOutputHelper output)
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    static readonly string[] DeletionMethods = ["rp", "mp", "ep", "rise", "gradcam", "gradient", "rp", "mp", "ep", "rise"];
    static readonly string[] SanityMethods = ["gradient", "gradcam", "rp", "gradient", "gradcam", "gradient", "gradcam", "gradient", "gradcam", "gradient"];
    /// <summary>The README's budget for one page job on darknet-tiny: the whole process's resident memory at the job's peak.</summary>
    const long JobBudget = 4L << 30;

    /// <summary>How far above rest the server may stay once the jobs have ended.</summary>
    const long Return = 100L << 20;

    static readonly string[] Photos = ["photos/chelsea", "photos/coffee", "photos/camera", "photos/rocket", "photos/astronaut"];

    [Fact(Explicit = true)]
    public async Task HundredRunsTwoHundredUploadsAndTenDeletionGamesAndSanityChecksOnDarknetTiny()
    {
        if (OperatingSystem.IsLinux())
            Assert.True(NativeHeap.OneArena, $"Start the soak with {NativeHeap.ArenaVariable}=1, as the site starts (its launch profile and the README's deployment commands set it).");
        using var factory = PlaygroundFactory.With(("Runs:MaxPerClient", "1000"), ("Runs:MaxQueued", "200"), ("Runs:TimeLimitSeconds", "3600"),
            ("RateLimits:UploadsPerMinute", "100000"), ("RateLimits:RunStartsPerMinute", "100000"));
        using var client = factory.CreateClient();
        var runs = factory.Services.GetRequiredService<RunService>();
        var evaluation = factory.Services.GetRequiredService<EvaluationService>();
        using var memory = new ResidentMemory();

        await Finished(client, runs, await Start(client, 1));  // warm: models loaded, threads started
        var rest = memory.Settle();
        Report($"at rest after one run: {Mb(rest)}");

        memory.ResetPeak();
        var ids = new List<string>();
        for (var i = 0; i < 100; i++) ids.Add(await Start(client, i));
        foreach (var id in ids) Assert.Equal("Completed", (await Finished(client, runs, id)).GetProperty("state").GetString());
        Report($"100 RP runs (world, 50 iterations): peak {Mb(memory.Peak)}, settled {Mb(memory.Settle())}");

        memory.ResetPeak();
        var statuses = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < 200; i++)
        {
            var status = (await client.PostAsync("/api/images", new ByteArrayContent(Upload(i)), Token)).StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }
        Report($"200 uploads ({string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}"))}): peak {Mb(memory.Peak)}, settled {Mb(memory.Settle())}");
        // The good ones and the metadata bombs are stored (the bombs as their pixels alone); the others refused.
        var stored = Enumerable.Range(0, 200).Count(i => i % 4 != 3 || i / 4 % 4 == 0);
        Assert.Equal(stored, statuses.GetValueOrDefault(HttpStatusCode.Created));
        Assert.Equal(200 - stored, statuses.GetValueOrDefault(HttpStatusCode.BadRequest));
        Assert.DoesNotContain(statuses.Keys, s => (int)s >= 500);

        var peaks = new List<(string Job, long Peak)>();
        for (var i = 0; i < DeletionMethods.Length; i++)
        {
            var subject = await Subject(runs, Photos[i % Photos.Length]);
            memory.ResetPeak();
            var clock = Stopwatch.StartNew();
            var result = await evaluation.Deletion(subject, DeletionMethods[i], DeletionOptions.Deletion, "tab:soak").Result;
            Report($"deletion game {i + 1}, {DeletionMethods[i]} on {subject.ImageId}: AUC {result.Auc:0.000}, {clock.Elapsed.TotalSeconds:0} s, peak {Mb(memory.Peak)}, settled {Mb(memory.Settle())}{Heap()}");
            peaks.Add(($"deletion game {i + 1} ({DeletionMethods[i]})", memory.Peak));
        }
        for (var i = 0; i < SanityMethods.Length; i++)
        {
            var subject = await Subject(runs, Photos[i % Photos.Length]);
            memory.ResetPeak();
            var clock = Stopwatch.StartNew();
            var stages = await evaluation.Sanity(subject, SanityMethods[i], RandomisationMode.Cascading, 0, "tab:soak").Result;
            Report($"sanity check {i + 1}, {SanityMethods[i]} on {subject.ImageId}: {stages.Count} stages, {clock.Elapsed.TotalSeconds:0} s, peak {Mb(memory.Peak)}, settled {Mb(memory.Settle())}{Heap()}");
            peaks.Add(($"sanity check {i + 1} ({SanityMethods[i]})", memory.Peak));
        }
        var after = memory.Settle();
        Report($"after everything: {Mb(after)} ({Mb(after - rest)} above rest); highest peak {Mb(memory.HighestPeak)}{Heap()}");
        Assert.All(peaks, p => Assert.True(p.Peak <= JobBudget, $"{p.Job} peaked at {Mb(p.Peak)}, over the budget of {Mb(JobBudget)}"));
        Assert.True(after - rest <= Return, $"{Mb(after - rest)} stayed above rest after the jobs (at most {Mb(Return)})");
    }

    void Report(string line)
    {
        output.WriteLine(line);
        File.AppendAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(RepositoryFolder.Path, "artifacts")).FullName, "soak.txt"), line + Environment.NewLine);
    }

    static async Task<string> Start(HttpClient client, int seed)
    {
        var response = await client.PostAsJsonAsync("/api/runs", new { model = "world", sample = "world/scene-0001", target = "boat", iterations = 50, seed }, Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetString()!;
    }

    static async Task<JsonElement> Finished(HttpClient client, RunService runs, string id)
    {
        await runs.Find(id)!.Finished.WaitAsync(Token);
        return await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Token);
    }

    static async Task<RunSubject> Subject(RunService runs, string image) =>
        new("darknet-tiny", image, (await runs.ClassifyAsync("darknet-tiny", image, 1))[0].Index);

    // Three good uploads in four (scenes, each made distinct by one pixel), then a hostile one in turn.
    static byte[] Upload(int i)
    {
        if (i % 4 != 3)
        {
            using var image = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(Path.Combine(RepositoryFolder.Path, "samples", "world", $"scene-000{1 + i % 9}.png"));
            image[0, 0] = new SixLabors.ImageSharp.PixelFormats.Rgb24((byte)i, (byte)(i >> 8), 7);
            using var png = new MemoryStream();
            SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, png);
            return png.ToArray();
        }
        return (i / 4 % 4) switch
        {
            0 => PngWriter.Rgb(64, 64, 64, ("zTXt", [.. "Comment\0"u8, 0, .. PngWriter.CompressedZeros(200L * 1024 * 1024)])),
            1 => PngWriter.Rgb(4000, 4000, 64),
            2 => PngWriter.BlackBilevel(20000, 20000),
            _ => "not an image at all"u8.ToArray(),
        };
    }

    static string Heap() => NativeHeap.Use() is { } heap
        ? $" (C heap: {Mb(heap.InUse)} in use, {Mb(heap.FreeInArenas)} free in its arenas)"
        : "";

    static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>This process's resident memory, sampled every 50 ms for the peaks.</summary>
    sealed class ResidentMemory : IDisposable
    {
        readonly Timer timer;
        long peak, highest;

        public ResidentMemory() => timer = new Timer(_ => Sample(), null, 0, 50);

        public long Peak => Interlocked.Read(ref peak);

        public long HighestPeak => Interlocked.Read(ref highest);

        public void ResetPeak() => Interlocked.Exchange(ref peak, Now());

        /// <summary>Resident memory after a full collection and a moment for native frees to land.</summary>
        public long Settle()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            Thread.Sleep(1000);
            return Now();
        }

        void Sample()
        {
            var now = Now();
            InterlockedMax(ref peak, now);
            InterlockedMax(ref highest, now);
        }

        static void InterlockedMax(ref long field, long value)
        {
            long seen;
            while (value > (seen = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen) { }
        }

        static long Now()
        {
            using var process = Process.GetCurrentProcess();
            return process.WorkingSet64;
        }

        public void Dispose() => timer.Dispose();
    }
}
