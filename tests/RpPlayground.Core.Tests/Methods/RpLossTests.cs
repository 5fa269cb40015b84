using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Methods;

/// <summary>Each term of RP's objective has the gradient with respect to the mask that finite differences give.</summary>
public sealed class RpLossTests
{
    public static TheoryData<string, Divergence> Terms()
    {
        var data = new TheoryData<string, Divergence>();
        foreach (var divergence in new[] { Divergence.BoundedL1, Divergence.BernoulliKl })
            foreach (var term in new[] { RpObjective.Target, RpObjective.NonTarget, RpObjective.ReversedTarget, RpObjective.ReversedNonTarget, RpObjective.Area, RpObjective.Smoothness })
                data.Add(term, divergence);
        return data;
    }

    [Theory]
    [MemberData(nameof(Terms))]
    public void TermGradientMatchesFiniteDifferences(string term, Divergence divergence)
    {
        using var classifier = TinyClassifier.Create(size: 8);
        classifier.Network.to(float64);
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var x = rand(new long[] { 1, 3, 8, 8 }, dtype: float64, generator: generator);
        var substrate = rand(new long[] { 1, 3, 8, 8 }, dtype: float64, generator: generator) * 0.3;
        var original = classifier.Probabilities(classifier.Logits(x))[0].detach();
        var objective = new RpObjective(original, 1, [0, 2, 3], divergence, 2);
        // a 4x4 mask grid upsampled to 8x8, values away from 0 and 1
        var start = rand(new long[] { 1, 1, 4, 4 }, dtype: float64, generator: generator) * 0.8 + 0.1;

        double Value(Tensor mask)
        {
            var m = Core.Methods.MaskGrid.Upsample(mask, 8);
            var batch = cat([m * x + (1 - m) * substrate, (1 - m) * x + m * substrate], 0);
            var p = classifier.Probabilities(classifier.Logits(batch));
            return objective.Terms(p[0], p[1], mask, new RpSwitches()).Single(t => t.Name == term).Value.item<double>();
        }

        var mask = start.clone().requires_grad_(true);
        var upsampled = Core.Methods.MaskGrid.Upsample(mask, 8);
        var p = classifier.Probabilities(classifier.Logits(cat([upsampled * x + (1 - upsampled) * substrate, (1 - upsampled) * x + upsampled * substrate], 0)));
        objective.Terms(p[0], p[1], mask, new RpSwitches()).Single(t => t.Name == term).Value.backward();
        var analytic = mask.grad!.flatten().data<double>().ToArray();

        const double step = 1e-6;
        for (var i = 0; i < 16; i++)
        {
            var plus = start.flatten().clone();
            plus[i] += step;
            var minus = start.flatten().clone();
            minus[i] -= step;
            var numeric = (Value(plus.reshape(1, 1, 4, 4)) - Value(minus.reshape(1, 1, 4, 4))) / (2 * step);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-6 + 1e-5 * Math.Abs(numeric), $"{term}, cell {i}: autograd {analytic[i]:G8}, finite difference {numeric:G8}");
        }
        Assert.Contains(analytic, g => Math.Abs(g) > 1e-9);
    }

    [Fact]
    public void TheDivergencesMatchTheirFormulasOnAHandWorkedCase()
    {
        using var scope = NewDisposeScope();
        var p = tensor(new[] { 0.9, 0.2 });
        var q = tensor(new[] { 0.5, 0.2 });
        // bounded: mean(log2(|0.4| + 1), log2(0 + 1)) = log2(1.4) / 2
        Assert.Equal(Math.Log2(1.4) / 2, RpObjective.Measure(Divergence.BoundedL1, p, q).item<double>(), 12);
        // Bernoulli KL of 0.9 against 0.5, and 0 for the equal pair
        var kl = 0.9 * Math.Log(0.9 / 0.5) + 0.1 * Math.Log(0.1 / 0.5);
        Assert.Equal(kl / 2, RpObjective.Measure(Divergence.BernoulliKl, p, q).item<double>(), 12);
        // total variation with beta 2 of [[0, 1], [1, 1]]: rows (1, 0) -> mean 0.5; columns (1, 0) -> 0.5
        Assert.Equal(1.0, Core.Methods.Masks.MaskRegularisers.TotalVariation(tensor(new[] { 0.0, 1, 1, 1 }).reshape(1, 1, 2, 2), 2).item<double>(), 12);
    }
}
