using RpPlayground.Core.Models;
using RpPlayground.Core.Tests.Support;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Models;

public sealed class ModelCatalogTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("rp-catalog-").FullName;

    public ModelCatalogTests()
    {
        var b = new OnnxModelBuilder([1, 3, 16, 16]);
        var pooled = b.Node("GlobalAveragePool", ["x"], "p");
        File.WriteAllBytes(Path.Combine(folder, "tiny.onnx"), b.Build(b.Node("Flatten", [pooled], "y")));
        File.WriteAllLines(Path.Combine(folder, "labels.txt"), ["red", "green", "blue"]);
    }

    [Fact]
    public void AMissingFileMakesOnlyThatModelUnavailableWithTheReason()
    {
        using var catalog = new ModelCatalog([Spec("tiny"), Spec("ghost", file: "ghost.onnx")], folder, CPU);
        Assert.True(catalog.Find("tiny").IsAvailable);
        var ghost = catalog.Find("ghost");
        Assert.False(ghost.IsAvailable);
        Assert.Contains("ghost.onnx' does not exist", ghost.Problem);
        var error = Assert.Throws<UnknownModelException>(() => catalog.Get("ghost"));
        Assert.Contains("not available", error.Message);
    }

    [Fact]
    public void AnUnknownIdListsTheModelsThereAre()
    {
        using var catalog = new ModelCatalog([Spec("tiny")], folder, CPU);
        var error = Assert.Throws<UnknownModelException>(() => catalog.Get("resnet"));
        Assert.Contains("There is no model 'resnet'. Models: tiny.", error.Message);
    }

    [Fact]
    public void BadDeclarationsAreReportedNotThrown()
    {
        using var catalog = new ModelCatalog(
            [Spec("tiny"), Spec("tiny"), Spec("odd", normalize: "zscore"), Spec("big") with { InputSize = 5000 }, Spec("pt") with { Format = "pytorch" }],
            folder, CPU);
        Assert.Equal([null, "the id 'tiny' is declared twice"], catalog.Entries.Take(2).Select(e => e.Problem));
        Assert.Contains("unknown normalisation 'zscore'", catalog.Entries[2].Problem);
        Assert.Contains("outside 16..1024", catalog.Entries[3].Problem);
        Assert.Contains("format 'pytorch'", catalog.Entries[4].Problem);
    }

    [Fact]
    public void TheDefaultIsTheConfiguredOneWhenAvailableElseTheFirstAvailable()
    {
        using var preferred = new ModelCatalog([Spec("ghost", file: "none.onnx"), Spec("a"), Spec("b")], folder, CPU, preferredDefault: "b");
        Assert.Equal("b", preferred.DefaultId);
        using var fallback = new ModelCatalog([Spec("ghost", file: "none.onnx"), Spec("a")], folder, CPU, preferredDefault: "ghost");
        Assert.Equal("a", fallback.DefaultId);
    }

    [Fact]
    public void ALoadedClassifierNormalisesAndScoresWithItsLabels()
    {
        using var catalog = new ModelCatalog([Spec("tiny", normalize: "custom") with { Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f] }], folder, CPU);
        var classifier = catalog.Get("tiny");
        Assert.Same(classifier, catalog.Get("tiny"));
        using var scope = NewDisposeScope();
        // A pure blue image: channel means (0, 0, 1) become (-1, -1, 1) after normalisation.
        var pixels = zeros(1, 3, 16, 16);
        pixels[0, 2] = ones(16, 16);
        Assert.Equal([-1f, -1f, 1f], classifier.Logits(pixels)[0].data<float>().ToArray());
        Assert.Equal(2, classifier.LabelIndex("BLUE"));
        Assert.Equal(1, classifier.LabelIndex("1"));
        var error = Assert.Throws<UnknownLabelException>(() => classifier.LabelIndex("re"));
        Assert.Contains("Did you mean: red, green", error.Message);
    }

    ModelSpec Spec(string id, string file = "tiny.onnx", string normalize = "unit") =>
        new() { Id = id, File = file, Labels = "labels.txt", InputSize = 16, Normalize = normalize };

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
