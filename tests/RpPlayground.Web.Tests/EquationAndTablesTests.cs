using Bunit;
using RpPlayground.Core.Methods;
using RpPlayground.Web.Components.Playground;

namespace RpPlayground.Web.Tests;

public sealed class EquationAndTablesTests : MudTestContext
{
    [Fact]
    public void ASwitchedOffTermIsStruckOutInTheEquation()
    {
        var equation = Render<ObjectiveEquation>(p => p.Add(e => e.NonTarget, false).Add(e => e.ReversedMask, true));
        var nonTarget = equation.Find("[data-term=non-target]");
        var reversed = equation.Find("[data-term=reversed-mask]");
        Assert.Equal("horizontalstrike", nonTarget.GetAttribute("notation"));
        Assert.Contains("rp-term-off", nonTarget.ClassName);
        Assert.Equal("none", reversed.GetAttribute("notation"));
        Assert.Contains("non-target term off", equation.Find(".rp-equation").GetAttribute("aria-label"));

        equation.Render(p => p.Add(e => e.NonTarget, true).Add(e => e.ReversedMask, false));
        Assert.Equal("none", equation.Find("[data-term=non-target]").GetAttribute("notation"));
        Assert.Equal("horizontalstrike", equation.Find("[data-term=reversed-mask]").GetAttribute("notation"));
    }

    [Fact]
    public void TheTablesShowTheFramesClassesScoresAndLoss()
    {
        var frame = new Frame
        {
            Iteration = 7, Iterations = 10, Map = [0f], MapWidth = 1, MapHeight = 1, ElapsedMs = 5,
            Classes = [new ClassTrack(2, "boat", true, 0.99f, 0.1f, 0.95f), new ClassTrack(1, "cloud", false, 0.05f, 0.9f, float.NaN)],
            Distortion = new DistortionScores(1.25, 0.5, double.NaN, 0.75),
            Loss = new Dictionary<string, double> { ["target"] = -0.5, ["total"] = -0.25 },
        };
        var tables = Render<FrameTables>(p => p.Add(t => t.Frame, frame));
        var rows = tables.FindAll("tbody tr");
        Assert.Equal(["boat (target)", "99.0%", "10.0%", "95.0%"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
        Assert.Contains("—", rows[1].TextContent);
        Assert.Contains("1.250", tables.Find("[data-testid=cds]").TextContent);
        Assert.Contains("higher: only the target changed", tables.Find("[data-testid=cds-legend]").TextContent);
        Assert.Contains("total -0.2500", tables.Find("[data-testid=loss]").TextContent);

        tables.Render(p => p.Add(t => t.Frame, frame with { Distortion = new DistortionScores(2, 1, 0.1, 0.2) }));
        Assert.Contains("2.000", tables.Find("[data-testid=cds]").TextContent);

        // cloud rose from 5 % to 90 % on x_pt: class distortion, marked in words and not by colour alone; the target is not marked.
        var cloud = tables.Find("[data-testid=class-cloud]");
        Assert.Contains("rp-risen", cloud.ClassName);
        Assert.Contains("▲ rose", cloud.TextContent);
        Assert.DoesNotContain("rose", tables.Find("[data-testid=class-boat]").TextContent);
        Assert.Empty(tables.FindAll("[data-testid=warm-up]"));
        Assert.Empty(tables.FindAll("[data-testid=low-target]"));

        // The same numbers in iteration 2 of 10 are warm-up: explained, not marked as distortion.
        tables.Render(p => p.Add(t => t.Frame, frame with { Iteration = 2 }));
        Assert.Contains("Warm-up", tables.Find("[data-testid=warm-up]").TextContent);
        Assert.DoesNotContain("rose", tables.Find("[data-testid=class-cloud]").TextContent);

        // A target the model gives 0.1 % (horse as "sorrel"): the table warns that there is little to remove.
        tables.Render(p => p.Add(t => t.Frame, frame with { Classes = [new ClassTrack(339, "sorrel", true, 0.001f, 0.0005f, 0.001f)] }));
        Assert.Contains("only 0.1% on this image", tables.Find("[data-testid=low-target]").TextContent);
    }

    [Fact]
    public void ASharedRunsThumbnailSaysWhenTheNonTargetTermWasOnAndOff()
    {
        var off = new Core.Methods.RobustPerturbation.RpSwitches { NonTarget = false };
        Assert.Equal("NT on", SwitchSchedule.Brief(new(), []));
        Assert.Equal("NT off → on at 40 → off at 90", SwitchSchedule.Brief(off, [new(40, new()), new(60, new() { NonTargetWeight = 7 }), new(90, off)]));
    }

    [Fact]
    public void AdviceOffersTheWeightThatUndoesADistortionThatAlreadyHappened()
    {
        var frame = new Frame
        {
            Iteration = 60, Iterations = 150, Map = [0f], MapWidth = 1, MapHeight = 1, ElapsedMs = 5,
            Classes = [new ClassTrack(2, "boat", true, 1f, 0.02f, 0.99f), new ClassTrack(1, "cloud", false, 0.06f, 0.98f, 0.05f), new ClassTrack(5, "tree", false, 0.3f, 0.4f, 0.3f)],
        };
        var advice = DistortionAdvice.For(frame, new Core.Methods.RobustPerturbation.RpSwitches());
        Assert.NotNull(advice);
        Assert.Contains("cloud has risen from 0.06 to 0.98", advice);
        Assert.Contains("slope p(1 − p) = 0.02", advice);
        Assert.Null(DistortionAdvice.For(frame, new() { NonTarget = false }));                 // nothing to advise with the term off
        Assert.Null(DistortionAdvice.For(frame, new() { NonTargetWeight = 7 }));             // already strong enough
        Assert.Null(DistortionAdvice.For(frame with { Classes = [frame.Classes[0], frame.Classes[2]] }, new()));  // no distortion
    }
}
