using RpPlayground.Core;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Tests.Support;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>The one-shot baselines against values computed by hand on a tiny model, and RISE's convergence.</summary>
public sealed class BaselineTests
{
    [Fact]
    public void GradientIsTheChannelMaximumOfTheAbsoluteInputGradient()
    {
        using var classifier = TinyClassifier.Create();
        using var scope = NewDisposeScope();
        using var generator = new Generator(2);  // kept alive: LibTorch reads it during the call
        var x = rand(new long[] { 1, 3, 12, 12 }, generator: generator);
        var frame = Single(new GradientMethod(), classifier, x, 1);

        // by hand: autograd of the target logit, |.|, max over the 3 channels, divided by the largest value
        var xg = x.clone().requires_grad_(true);
        classifier.Network.call(xg)[0, 1].backward();
        var grad = xg.grad!.abs().data<float>().ToArray();
        var expected = Enumerable.Range(0, 144).Select(i => Math.Max(grad[i], Math.Max(grad[144 + i], grad[288 + i]))).ToArray();
        var max = expected.Max();
        Assert.Equal(12, frame.MapWidth);
        for (var i = 0; i < 144; i++) Assert.Equal(expected[i] / max, frame.Map[i], 5);
    }

    [Fact]
    public void GradCamWeighsTheLayersChannelsByTheirMeanGradient()
    {
        using var classifier = TinyClassifier.Create();
        using var scope = NewDisposeScope();
        using var generator = new Generator(4);  // kept alive: LibTorch reads it during the call
        var x = rand(new long[] { 1, 3, 12, 12 }, generator: generator);
        var frame = Single(new GradCamMethod(), classifier, x, 2);

        // The tiny model is conv -> relu -> global average -> linear, so d logit_2 / d A_k(i,j) = fc[2,k] / 144 at every
        // position: alpha_k = fc[2,k] / 144, and the map is relu(sum_k alpha_k A_k) for A = relu(conv(x)).
        var fc = classifier.Network.named_parameters().Select(p => p.parameter).Single(p => p.shape.SequenceEqual(new long[] { 4, 5 }))[2].data<float>().ToArray();
        var (_, activation) = classifier.Network.ForwardCapturing(x, "relu");
        var a = activation.data<float>().ToArray();
        var cam = Enumerable.Range(0, 144).Select(i => Math.Max(0, Enumerable.Range(0, 5).Sum(k => fc[k] / 144f * a[k * 144 + i]))).ToArray();
        var max = cam.Max();
        Assert.Equal((12, 12), (frame.MapWidth, frame.MapHeight));
        for (var i = 0; i < 144; i++) Assert.Equal(cam[i] / max, frame.Map[i], 4);
    }

    [Fact]
    public void RiseConvergesAsMasksAreAdded()
    {
        using var classifier = TinyClassifier.Create(size: 16, output: Core.Models.OutputKind.Softmax, spatial: true);
        using var scope = NewDisposeScope();
        using var generator = new Generator(6);  // kept alive: LibTorch reads it during the call
        var x = rand(new long[] { 1, 3, 16, 16 }, generator: generator);
        // Two independent estimates (different seeds) agree better with 2000 masks than with 50.
        double Agreement(int masks) => Correlation(Map(masks, 1), Map(masks, 2));
        float[] Map(int masks, int seed) => Last(new RiseMethod(new RiseOptions { Masks = masks, Grid = 4 }), classifier, x, 0, seed).Map;
        var few = Agreement(50);
        var many = Agreement(2000);
        Assert.True(many > 0.95, $"correlation with 2000 masks {many:0.000}");
        Assert.True(many > few, $"50 masks {few:0.000}, 2000 masks {many:0.000}");
    }

    [Fact]
    public void GradCamWithoutADeclaredLayerReadsTheLastSpatialFeatureMapAndSaysSo()
    {
        using var classifier = TinyClassifier.Create();
        var bare = new Core.Models.ImageClassifier(classifier.Spec with { GradCamLayer = null }, classifier.Labels, classifier.Network, CPU);
        using var scope = NewDisposeScope();
        using var generator = new Generator(4);  // kept alive: LibTorch reads it during the call
        var x = rand(new long[] { 1, 3, 12, 12 }, generator: generator);
        var picked = Single(new GradCamMethod(), bare, x, 2);
        var named = Single(new GradCamMethod(new CamOptions { Layer = "relu" }), bare, x, 2);

        // conv -> relu -> global average -> linear: relu's output is the last activation with more than one position.
        Assert.Contains("'relu'", picked.Note);
        Assert.Contains("picked", picked.Note);
        Assert.Equal(named.Map, picked.Map);
        var error = Assert.Throws<InvalidRequestException>(() => Single(new GradCamMethod(new CamOptions { Layer = "nope" }), bare, x, 2));
        Assert.Contains("has no layer 'nope'", error.Message);
    }

    static Frame Single(IExplanationMethod method, Core.Models.ImageClassifier classifier, Tensor x, int target) => Last(method, classifier, x, target, 0);

    static Frame Last(IExplanationMethod method, Core.Models.ImageClassifier classifier, Tensor x, int target, int seed) =>
        method.FinalFrame(new ExplanationRequest(classifier, x, target, [], seed), TestContext.Current.CancellationToken);

    static double Correlation(float[] a, float[] b)
    {
        double ma = a.Average(), mb = b.Average();
        var cov = a.Zip(b, (p, q) => (p - ma) * (q - mb)).Sum();
        return cov / Math.Sqrt(a.Sum(p => (p - ma) * (p - ma)) * b.Sum(q => (q - mb) * (q - mb)));
    }
}
