using System.Security.Cryptography;
using System.Text.Json;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Tests.Support;
using RpPlayground.Core.Torch;
using RpPlayground.Core.World;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>
/// Every method's frames on one fixed world scene and seed, against a recording made before the methods were
/// restructured (Data/fixed-scene-maps.json): a refactoring must not change what any method computes. The recording
/// holds each method's final map and SHA-256s of its frames (maps, loss terms, probabilities). On a machine like the
/// recording's (<see cref="CpuKernels.Machine"/>: processor and widest vector extension) the frames must be
/// bit-identical; on another, whose kernels may round differently, the final maps and probabilities must agree within 1e-5. Re-record with
/// <c>dotnet test tests/RpPlayground.Core.Tests --filter FullyQualifiedName~FixedSceneMaps -- xUnit.Explicit=only</c>
/// only when a change of results is intended, and say why in the commit.
/// </summary>
[Collection(NativeStateCollection.Name)]
public sealed class FixedSceneMapsTests(ITestOutputHelper output)
{
    static readonly string RecordingPath = Path.Combine(TestPaths.Repository, "tests", "RpPlayground.Core.Tests", "Methods", "Data", "fixed-scene-maps.json");

    /// <summary>Short runs of each method: enough steps for the optimisers' state (Adam, SGD momentum, EP's growing weight) to matter.</summary>
    static readonly (string Id, int? Steps)[] Runs = [("rp", 12), ("mp", 12), ("ep", 12), ("rise", 150), ("gradcam", null), ("gradient", null)];

    /// <param name="IterationsSha256">Every optimisation frame (not the clean last one): map, loss terms, tracked probabilities.</param>
    /// <param name="CleanSha256">The clean last frame of a perturbation method (its x_pt and x_rpt without noise), else the last frame.</param>
    public sealed record Recording(string Method, int Frames, string IterationsSha256, string CleanSha256, float[] FinalMap, double[] FinalProbabilities);

    [Fact]
    public async Task EveryMethodComputesWhatItDidBeforeTheRestructuring()
    {
        var file = JsonSerializer.Deserialize<RecordingFile>(await File.ReadAllTextAsync(RecordingPath, TestContext.Current.CancellationToken))!;
        var recorded = file.Runs;
        var sameMachine = file.Machine == CpuKernels.Machine;
        output.WriteLine($"recorded on {file.Machine}; this machine {(sameMachine ? "is alike: frames must be bit-identical" : $"is {CpuKernels.Machine}: within 1e-5")}; kernels {CpuKernels.InEffect}");
        var now = Recorded();
        foreach (var (before, after) in recorded.Zip(now))
        {
            Assert.Equal(before.Method, after.Method);
            Assert.Equal(before.Frames, after.Frames);
            var largest = before.FinalMap.Zip(after.FinalMap, (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{after.Method}: {after.Frames} frames, SHA-256 {after.IterationsSha256[..12]}/{after.CleanSha256[..12]}; bit-identical: iterations {before.IterationsSha256 == after.IterationsSha256}, clean frame {before.CleanSha256 == after.CleanSha256}; final map max |Δ| {largest:G3}");
            // Bit-identical on the machine that recorded; another CPU's vector kernels may round differently, hence the tolerance.
            Assert.True(largest <= 1e-5, $"{after.Method}: final map differs by {largest:G3}");
            Assert.Equal(before.FinalProbabilities, after.FinalProbabilities, (a, b) => Math.Abs(a - b) <= 1e-5);
            if (sameMachine) Assert.Equal((before.IterationsSha256, before.CleanSha256), (after.IterationsSha256, after.CleanSha256));
        }
        Assert.Equal(recorded.Length, now.Count);
    }

    [Fact(Explicit = true)]
    public async Task Record()
    {
        var recordings = Recorded();
        await File.WriteAllTextAsync(RecordingPath, JsonSerializer.Serialize(new RecordingFile(CpuKernels.Machine, recordings.ToArray())), TestContext.Current.CancellationToken);
        output.WriteLine($"wrote {RecordingPath}");
    }

    public sealed record RecordingFile(string Machine, Recording[] Runs);

    static IReadOnlyList<Recording> Recorded()
    {
        using var catalog = WorldModel.Catalog();
        var classifier = catalog.Get("world");
        var scene = new SceneGenerator(classifier.InputSize).Generate(77, 3);
        var recordings = new List<Recording>();
        foreach (var (id, steps) in Runs)
        {
            using var scope = NewDisposeScope();
            var x = tensor(scene.Pixels, new long[] { 1, 3, scene.Size, scene.Size });
            var method = FixedSceneMethods.Create(id, steps, classifier.Spec);
            var frames = new List<Frame>();
            foreach (var frame in method.Run(new ExplanationRequest(classifier, x, scene.Objects[0].ClassIndex, [], 5), TestContext.Current.CancellationToken))
                frames.Add(frame);
            var last = frames[^1];
            var iterations = frames.Count > 1 && last.Clean ? frames.SkipLast(1) : frames;
            recordings.Add(new Recording(id, frames.Count, Sha256(iterations), Sha256([last]), last.Map, last.Classes.Select(c => (double)c.Perturbed).ToArray()));
        }
        return recordings;
    }

    static string Sha256(IEnumerable<Frame> frames)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var frame in frames)
        {
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(frame.Map.AsSpan()));
            foreach (var (name, value) in frame.Loss.OrderBy(l => l.Key, StringComparer.Ordinal))
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{name}={value:R};"));
            foreach (var c in frame.Classes) hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{c.Index}:{c.Perturbed:R}:{c.Reversed:R};"));
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
