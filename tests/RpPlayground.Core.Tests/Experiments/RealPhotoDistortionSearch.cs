using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Core.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Experiments;

/// <summary>
/// A measurement, not a test (explicit): does class distortion happen on real photos? For each sample photo (and two
/// photos composed side by side) and its top two classes on darknet-tiny, RP with the model's recommended settings
/// and the non-target term off, then on; the non-target that rose most on x_pt in each.
/// <c>dotnet test tests/RpPlayground.Core.Tests --filter FullyQualifiedName~RealPhotoDistortionSearch --logger "console;verbosity=detailed" -- xUnit.Explicit=only</c>
/// </summary>
[Collection(NativeStateCollection.Name)]
public sealed class RealPhotoDistortionSearch(ITestOutputHelper output)
{
    [Fact(Explicit = true)]
    [Trait("Category", "Benchmark")]
    public void SearchThePhotosForARiseOfAnotherClass()
    {
        using var catalog = new ModelCatalog([DarknetSpec()], TestPaths.Repository, CPU);
        var classifier = catalog.Get("darknet-tiny");
        var decoder = new ImageDecoder(new ImageLimits());
        var photos = new[] { "chelsea.png", "coffee.png", "astronaut.png", "rocket.jpg", "camera.png", "horse.png" }
            .Select(name => (name, decoder.DecodeFile(TestPaths.Photo(name)))).ToList();
        photos.Add(("chelsea+coffee", SideBySide(photos[0].Item2, photos[1].Item2)));
        photos.Add(("astronaut+chelsea", SideBySide(photos[2].Item2, photos[0].Item2)));
        var options = RpOptions.For(classifier.Spec);
        foreach (var (name, picture) in photos)
        {
            foreach (var target in classifier.Classify(picture, 2))
            {
                using var scope = NewDisposeScope();
                var x = classifier.Prepare(picture);
                var request = new ExplanationRequest(classifier, x, target.Index, [], 0);
                var off = new RobustPerturbationMethod(options, new RpLiveSwitches(new RpSwitches { NonTarget = false })).FinalFrame(request, TestContext.Current.CancellationToken);
                var on = new RobustPerturbationMethod(options, new RpLiveSwitches(new RpSwitches())).FinalFrame(request, TestContext.Current.CancellationToken);
                var rose = off.Classes.Where(c => !c.IsTarget).MaxBy(c => c.Perturbed - c.Original)!;
                var sameOn = on.Classes.FirstOrDefault(c => c.Index == rose.Index);
                var roseOn = on.Classes.Where(c => !c.IsTarget).MaxBy(c => c.Perturbed - c.Original)!;
                output.WriteLine($"{name}; target {target.Label} {target.Probability:0.000}: term off -> target {off.Classes[0].Perturbed:0.000}, " +
                    $"{rose.Label} {rose.Original:0.000} -> {rose.Perturbed:0.000}; term on -> target {on.Classes[0].Perturbed:0.000}, " +
                    $"{rose.Label} {(sameOn is null ? "untracked" : sameOn.Perturbed.ToString("0.000"))}, largest rise {roseOn.Label} {roseOn.Original:0.000} -> {roseOn.Perturbed:0.000}");
            }
        }
    }

    static ModelSpec DarknetSpec() => new()
    {
        Id = "darknet-tiny", Format = "onnx", File = "samples/models/darknet-tiny/model.onnx", Labels = "samples/models/darknet-tiny/labels.txt",
        InputSize = 224, Output = OutputKind.Softmax, GradCamLayer = "leaky_re_lu_15_out",
        Substrate = new Core.Substrates.SubstrateOptions { Kind = Core.Substrates.SubstrateKind.Gaussian, Sigma = 10 }, NoiseSigma = 0.05,
    };

    // Two photos squeezed to half width each, side by side in one square picture.
    static Image<Rgb24> SideBySide(Image<Rgb24> left, Image<Rgb24> right)
    {
        var canvas = new Image<Rgb24>(448, 448);
        canvas.Mutate(c => c
            .DrawImage(left.Clone(i => i.Resize(224, 448)), new Point(0, 0), 1f)
            .DrawImage(right.Clone(i => i.Resize(224, 448)), new Point(224, 0), 1f));
        return canvas;
    }
}
