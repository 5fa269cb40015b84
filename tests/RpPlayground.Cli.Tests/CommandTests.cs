namespace RpPlayground.Cli.Tests;

/// <summary>The rp program end to end: what it prints, and its exit codes for good and bad input.</summary>
public sealed class CommandTests
{
    [Fact]
    public async Task ModelsListsTheDeclaredModelsWithTheirState()
    {
        var result = await RpProcess.RunAsync("models");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"darknet-tiny\s+(default|available|unavailable)", result.Output);
    }

    [Fact]
    public async Task AWorkerWithAnUndeclaredModelNoRedisOrNoRoomForRunsRefusesToStartAndSaysWhy()
    {
        var result = await RpProcess.RunAsync("worker", "--redis", "127.0.0.1:1", "--models", "world,nothing");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("There is no model 'nothing'. Models: world, darknet-tiny.", result.Error);
        var missing = await RpProcess.RunAsync("worker", "--models", "world");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--redis", missing.Error);
        var none = await RpProcess.RunAsync("worker", "--redis", "127.0.0.1:1", "--models", "world", "--concurrent", "0");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("Runs:MaxConcurrent must be between 1 and 64 (got 0).", none.Error);
    }

    [Fact]
    public async Task ClassifyPrintsTheTopFiveAsLabelTabProbability()
    {
        var result = await RpProcess.RunAsync("classify", "--model", "darknet-tiny", "samples/photos/chelsea.png");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Trim().Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("Egyptian cat\t0.6", lines[0]);
        var probabilities = lines.Select(l => double.Parse(l.Split('\t')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(probabilities.OrderDescending(), probabilities);
    }

    [Fact]
    public async Task ClassifyTakesAnOnnxFileWithItsLabels()
    {
        var result = await RpProcess.RunAsync("classify", "--onnx", "samples/models/darknet-tiny/model.onnx",
            "--labels", "samples/models/darknet-tiny/labels.txt", "--top", "2", "samples/photos/coffee.png");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("espresso\t", result.Output);
        Assert.Equal(2, result.Output.Trim().Split('\n').Length);
    }

    [Theory]
    [InlineData("There is no model 'nope'", "classify", "--model", "nope", "samples/photos/chelsea.png")]
    [InlineData("No image file at 'missing.png'", "classify", "missing.png")]
    [InlineData("not an image in a supported format", "classify", "README.md")]
    [InlineData("Argument 'zscore' not recognized", "classify", "--normalize", "zscore", "samples/photos/chelsea.png")]
    [InlineData("--onnx needs --labels", "classify", "--onnx", "x.onnx", "samples/photos/chelsea.png")]
    [InlineData("x.onnx' does not exist", "classify", "--onnx", "x.onnx", "--labels", "README.md", "samples/photos/chelsea.png")]
    [InlineData("Unknown method 'magic'", "deletion", "--methods", "magic", "--scenes", "1", "--out", "/tmp/rp-deletion-test")]
    [InlineData("Give --images DIR", "deletion", "--model", "world", "--out", "/tmp/rp-deletion-test")]
    [InlineData("Cannot parse argument 'sideways' for option '--mode'", "sanity", "--mode", "sideways", "--scenes", "1", "--out", "/tmp/rp-sanity-test")]
    [InlineData("--scenes must be at least 1", "localize", "--scenes", "0")]
    [InlineData("has no class 'giraffe'", "explain", "--model", "world", "--target", "giraffe", "samples/world/scene-0001.png", "--out", "/tmp/rp-explain-test")]
    [InlineData("Iterations must be between 1 and 5000", "explain", "--model", "world", "--iterations", "0", "samples/world/scene-0001.png", "--out", "/tmp/rp-explain-test")]
    public async Task BadInputExitsWithTwoAndOneLine(string message, params string[] args)
    {
        var result = await RpProcess.RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Output);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public async Task ExplainWritesTheOverlayTheMaskAndASummary()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"rp-explain-{Guid.NewGuid():N}");
        var result = await RpProcess.RunAsync("explain", "--model", "world", "--target", "boat", "--iterations", "5", "samples/world/scene-0001.png", "--out", folder);
        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder, "overlay.png")));
        Assert.True(File.Exists(Path.Combine(folder, "mask.png")));
        var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json"))).RootElement;
        Assert.Equal("boat", summary.GetProperty("target").GetString());
        Assert.True(summary.GetProperty("distortion").GetProperty("code").GetDouble() >= 0);
        Assert.Equal(6, summary.GetProperty("frames").GetInt32());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ExplainRunsARunDefinitionAsTheSiteWould()
    {
        // A shared run's answer (GET /api/shared/ID) names its sample, so no IMAGE is needed; its options and schedule are the run's.
        var folder = Path.Combine(Path.GetTempPath(), $"rp-definition-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "shared.json");
        File.WriteAllText(file, """
            {"id":"abc","definition":{"model":"world","image":"world/scene-0001","target":"boat","seed":4,"method":"rp",
             "options":{"iterations":6,"switches":{"nonTarget":false}},"schedule":[{"iteration":3,"switches":{"nonTarget":true}}]}}
            """);
        var result = await RpProcess.RunAsync("explain", "--definition", file, "--out", Path.Combine(folder, "out"));
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "out", "summary.json"))).RootElement;
        Assert.Equal("boat", summary.GetProperty("target").GetString());
        Assert.Equal(4, summary.GetProperty("seed").GetInt32());
        Assert.Equal(6, summary.GetProperty("options").GetProperty("iterations").GetInt32());
        Assert.Equal(0.05, summary.GetProperty("options").GetProperty("noiseSigma").GetDouble());  // the model's recommendation
        Assert.Equal(7, summary.GetProperty("frames").GetInt32());

        File.WriteAllText(file, """{"model":"world","image":"world/nothing","target":"boat"}""");
        var missing = await RpProcess.RunAsync("explain", "--definition", file, "--out", Path.Combine(folder, "out"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("There is no sample 'world/nothing'", missing.Error);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task DeletionWritesACurvePerImageAndMethodAndATableOfMeans()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"rp-deletion-{Guid.NewGuid():N}");
        var result = await RpProcess.RunAsync("deletion", "--scenes", "2", "--methods", "gradient,gradcam", "--insertion", "--out", folder);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Insertion game, model world, 2 images", result.Output);
        Assert.Matches(@"\| gradcam \| 0\.\d{4} \| 0\.\d{4} \|\r?\n", result.Output);
        Assert.DoesNotContain("paired", result.Output);  // no RP, nothing to pair with
        var curve = File.ReadAllLines(Path.Combine(folder, "scene-0001-gradient.csv"));
        Assert.Equal("step,pixels,score", curve[0]);
        Assert.Equal(128 * 128 / 100 + 2 + 1, curve.Length);  // header, step 0 and 164 steps of 100 pixels
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task DeletionWithRpComparesEveryMethodToItImageByImage()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"rp-deletion-{Guid.NewGuid():N}");
        var result = await RpProcess.RunAsync("deletion", "--scenes", "2", "--methods", "rp,gradient", "--out", folder);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| method | mean AUC | standard error | RP minus method, paired (standard error) | images where RP is better |", result.Output);
        Assert.Matches(@"\| gradient \| 0\.\d{4} \| 0\.\d{4} \| [+-]0\.\d{4} \(0\.\d{4}\) \| [0-2]/2 \|", result.Output);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task SanityWritesTheGridAndTheCurvesAndPrintsATable()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"rp-sanity-{Guid.NewGuid():N}");
        var result = await RpProcess.RunAsync("sanity", "--scenes", "1", "--methods", "gradcam", "--mode", "independent", "--out", folder);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("| method | classifier | norm4 | conv4 |", result.Output);
        Assert.Matches(@"\| gradcam \| -?\d\.\d\d \|", result.Output);
        var rows = File.ReadAllLines(Path.Combine(folder, "curves.csv"));
        Assert.Equal(1 + 10, rows.Length);  // header, the trained model and 9 layers
        Assert.StartsWith("scene-0000,gradcam,0,none,1,1,1,1", rows[1]);
        var png = File.ReadAllBytes(Path.Combine(folder, "grid.png"));  // IHDR: width and height, big-endian, at bytes 16 and 20
        Assert.Equal((11 * 112, 112), (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task LocalizePrintsPointingAndEnergyPerMethod()
    {
        var result = await RpProcess.RunAsync("localize", "--scenes", "3", "--methods", "gradcam,gradient");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"\| gradcam \| [0-3]/3 \| 0\.\d{3} \(0\.\d{3}\) \|", result.Output);
        Assert.Matches(@"\| gradient \| [0-3]/3 \|", result.Output);
    }
}
