using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.Masks;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Substrates;
using RpPlayground.Core.Tests.Support;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>
/// Every method's frames carry the perturbed pictures its descriptor promises, made by its own perturbation of the
/// mask its map shows: rebuilt here from each frame's map and what the method says the map means (1 − m removed, or m
/// kept) with the substrate blended by hand, x_pt (and x_rpt) match; methods that perturb nothing carry none. For RP,
/// x_pt + x_rpt = x + x_r whatever the mask, a check that needs no map at all.
/// </summary>
[Collection(NativeStateCollection.Name)]
public sealed class FramePicturesTests
{
    public static TheoryData<string> Methods => new(MethodCatalog.Ids);

    [Theory]
    [MemberData(nameof(Methods))]
    public void AMethodsPicturesAreItsOwnPerturbationOfTheMaskItsMapShows(string id)
    {
        using var catalog = WorldModel.Catalog();
        var classifier = catalog.Get("world");
        using var image = new ImageDecoder(new ImageLimits()).DecodeFile(Path.Combine(TestPaths.Repository, "samples", "world", "scene-0001.png"), TestContext.Current.CancellationToken);
        using var scope = NewDisposeScope();
        var x = classifier.Prepare(image);
        var method = MethodCatalog.Get(id);
        var settings = method.Recommended(classifier.Spec);
        if (method.Steps is { } steps) settings = steps.With(settings, method.Kind == MethodKind.Sampling ? 200 : 12);
        var frames = method.Create(settings).Run(new ExplanationRequest(classifier, x, 2, [], 0), TestContext.Current.CancellationToken).ToList();

        if (method.Pictures == PerturbedPictures.None)
        {
            Assert.All(frames, f => Assert.Null(f.Pictures));
            return;
        }
        Assert.All(frames, f => Assert.Equal(f.Clean || FramePictures.For(f.Iteration, f.Iterations), f.Pictures is not null));
        Assert.All(frames.Where(f => f.Pictures is not null), f => Assert.Equal(method.Pictures == PerturbedPictures.PerturbedAndReversed, f.Pictures!.Reversed is not null));

        Assert.True(frames[^1].Clean);
        foreach (var frame in frames.Where(f => f.Pictures is not null))
        {
            var keep = method.Map == MapMeaning.Kept ? Upsample(frame.Map, frame, x) : 1 - Upsample(frame.Map, frame, x);
            var (perturbed, reversed) = Expected(method, settings, x, keep, classifier.InputSize);
            AssertClose(perturbed, frame.Pictures!.Perturbed, $"x_pt of frame {frame.Iteration}{(frame.Clean ? " (clean)" : "")}");
            if (reversed is not null) AssertClose(reversed, frame.Pictures.Reversed!, $"x_rpt of frame {frame.Iteration}");
        }
        if (method.Pictures == PerturbedPictures.PerturbedAndReversed)
        {
            // Whatever the mask, x_pt + x_rpt = x + x_r: the two pictures share the image and the substrate between them.
            var first = frames[0].Pictures!;
            var sum = RgbPicture.Of((x + Substrate.Create(x, ((RpOptions)settings).Substrate)) / 2, FramePictures.Side);
            var halves = first.Perturbed.Pixels.Zip(first.Reversed!.Pixels, (a, b) => (a + b) / 2.0).ToArray();
            Assert.True(sum.Pixels.Zip(halves, (a, b) => Math.Abs(a - b)).Max() <= 1, "x_pt + x_rpt is not x + x_r");
        }
    }

    // The map (at its own resolution) as m at the input's, bilinearly.
    static Tensor Upsample(float[] map, Frame frame, Tensor x) =>
        MaskGrid.Upsample(tensor(map, new long[] { 1, 1, frame.MapHeight, frame.MapWidth }), x.shape[2], x.shape[3]);

    // x_pt = m·x + (1 − m)·x_r and x_rpt = (1 − m)·x + m·x_r with the method's substrate; EP's pyramid from its own class.
    static (RgbPicture Perturbed, RgbPicture? Reversed) Expected(MethodDescriptor method, IMethodOptions settings, Tensor x, Tensor keep, int size)
    {
        if (method.Id == "ep")
            return (RgbPicture.Of(new BlurPyramidPerturbation(x, ((EpOptions)settings).Levels, 20 * size / 224.0).Apply(keep), FramePictures.Side), null);
        var substrate = method.Id == "rp"
            ? Substrate.Create(x, ((RpOptions)settings).Substrate)
            : Substrate.Create(x, new SubstrateOptions { Kind = SubstrateKind.Gaussian, Sigma = ((MpOptions)settings).BlurSigma });
        var perturbed = keep * x + (1 - keep) * substrate;
        var reversed = (1 - keep) * x + keep * substrate;
        return (RgbPicture.Of(perturbed, FramePictures.Side), method.Pictures == PerturbedPictures.PerturbedAndReversed ? RgbPicture.Of(reversed, FramePictures.Side) : null);
    }

    static void AssertClose(RgbPicture expected, RgbPicture actual, string what)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var largest = expected.Pixels.Zip(actual.Pixels, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest <= 1, $"{what}: the pictures differ by up to {largest} of 255");
    }
}
