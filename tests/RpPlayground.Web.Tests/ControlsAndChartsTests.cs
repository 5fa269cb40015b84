using Bunit;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Substrates;
using RpPlayground.Web.Components.Playground;

namespace RpPlayground.Web.Tests;

/// <summary>The playground's controls change the run's options; the charts follow the frames.</summary>
public sealed class ControlsAndChartsTests : MudTestContext
{
    [Fact]
    public void TheLiveControlsChangeTheSwitchesAndWeights()
    {
        var switches = new RpSwitches();
        var controls = Render<LiveControls>(p => p.Add(c => c.Switches, switches).Add(c => c.SwitchesChanged, (RpSwitches s) => switches = s));

        controls.Find("input[data-testid=switch-nt], [data-testid=switch-nt] input").Change(false);
        Assert.False(switches.NonTarget);
        Assert.True(switches.ReversedMask);

        controls.Render(p => p.Add(c => c.Switches, switches));
        controls.Find("input[data-testid=switch-rm], [data-testid=switch-rm] input").Change(false);
        Assert.Equal(new RpSwitches() with { NonTarget = false, ReversedMask = false }, switches);

        controls.Render(p => p.Add(c => c.Switches, switches));
        var area = controls.FindAll("input[type=range]")[3];  // NT weight, RM target, RM non-target, area, smoothness
        area.Input("7.5");
        Assert.Equal(7.5, switches.Area);
        Assert.Equal(new RpSwitches().Smoothness, switches.Smoothness);
    }

    [Fact]
    public void TheStartOptionsChangeIterationsNoiseSubstrateAndSeed()
    {
        var options = new RpOptions();
        var seed = 0;
        var form = Render<StartOptions>(p => p.Add(c => c.Options, options).Add(c => c.OptionsChanged, (RpOptions o) => options = o)
            .Add(c => c.Seed, seed).Add(c => c.SeedChanged, (int s) => seed = s));
        form.Find("div.mud-expand-panel-header").Click();

        // MudBlazor applies a typed number asynchronously (on a busy machine after the Change call returns): wait for it.
        form.Find("input[data-testid=iterations], [data-testid=iterations] input").Change("40");
        form.WaitForAssertion(() => Assert.Equal(40, options.Iterations));
        form.Render(p => p.Add(c => c.Options, options));
        form.Find("input[data-testid=noise], [data-testid=noise] input").Change("0.05");
        form.WaitForAssertion(() => Assert.Equal(0.05, options.NoiseSigma, 9));
        form.Find("input[data-testid=seed], [data-testid=seed] input").Change("17");
        form.WaitForAssertion(() => Assert.Equal(17, seed));
        Assert.Equal(new RpOptions().Substrate, options.Substrate);
        Assert.Empty(options.Problems(new ModelFacts(128, 8)));
    }

    [Fact]
    public void TheChartsFollowTheFramesAndTheLegendReadsTheLastValues()
    {
        Frame Step(int i, float boat, float cloud) => new()
        {
            Iteration = i, Iterations = 3, Map = [], MapWidth = 0, MapHeight = 0, ElapsedMs = i,
            Classes = [new ClassTrack(2, "boat", true, 1f, boat, 0.9f), new ClassTrack(1, "cloud", false, 0.1f, cloud, 0.1f)],
            Loss = new Dictionary<string, double> { ["target"] = -boat, ["total"] = 1 - boat },
        };
        var charts = Render<RunCharts>(p => p.Add(c => c.History, [Step(1, 0.9f, 0.1f)]));
        Assert.Contains("boat (target) on x_pt: 0.9", charts.Find("[data-testid=chart-probabilities]").TextContent);

        charts.Render(p => p.Add(c => c.History, [Step(1, 0.9f, 0.1f), Step(2, 0.5f, 0.2f), Step(3, 0.25f, 0.3f)]));
        var probabilities = charts.Find("[data-testid=chart-probabilities]");
        Assert.Contains("boat (target) on x_pt: 0.25", probabilities.TextContent);
        Assert.Contains("cloud on x_pt: 0.3", probabilities.TextContent);
        Assert.Equal(3, probabilities.QuerySelector("polyline")!.GetAttribute("points")!.Split(' ').Length);
        Assert.Contains("total: 0.75", charts.Find("[data-testid=chart-loss]").TextContent);

        var switchedOff = Step(4, 0.2f, 0.3f) with { Loss = new Dictionary<string, double> { ["total"] = 0.8 } };  // the target term left the loss
        charts.Render(p => p.Add(c => c.History, [Step(1, 0.9f, 0.1f), Step(2, 0.5f, 0.2f), switchedOff]));
        var loss = charts.Find("[data-testid=chart-loss]").TextContent;
        Assert.Contains("target: off", loss);
        Assert.DoesNotContain("NaN", loss);

        // Both axes say what they count and measure, on the picture and to screen readers.
        var probabilityChart = charts.Find("[data-testid=chart-probabilities]");
        Assert.Equal("iteration", probabilityChart.QuerySelector("[data-testid=x-title]")!.TextContent);
        Assert.Equal("probability", probabilityChart.QuerySelector("[data-testid=y-title]")!.TextContent);
        Assert.Contains("(probability by iteration)", probabilityChart.QuerySelector("svg")!.GetAttribute("aria-label"));
        Assert.Equal("weighted value", charts.Find("[data-testid=chart-loss] [data-testid=y-title]").TextContent);
    }

    [Fact]
    public void TheRangeCanIgnoreTheFirstStepsSoLaterChangesShow()
    {
        double[] loss = [5.0, 3.0, 0.4, 0.3, 0.25, 0.2, 0.22, 0.18];
        var all = Render<LineChart>(p => p.Add(c => c.Title, "loss").Add(c => c.XTitle, "iteration").Add(c => c.YTitle, "value")
            .Add(c => c.Series, [new ChartSeries("total", "#000", loss)]));
        var fitted = Render<LineChart>(p => p.Add(c => c.Title, "loss").Add(c => c.XTitle, "iteration").Add(c => c.YTitle, "value")
            .Add(c => c.Series, [new ChartSeries("total", "#000", loss)]).Add(c => c.FitFrom, 5));
        string Top(IRenderedComponent<LineChart> chart) => chart.FindAll("text.rp-tick")[0].TextContent;
        Assert.Equal("5", Top(all));
        Assert.Equal("0.22", Top(fitted));  // the largest value from step 5 on
        Assert.Contains("total: 0.18", fitted.Find(".rp-legend").TextContent);
        var bare = Render<LineChart>(p => p.Add(c => c.Title, "curve").Add(c => c.XTitle, "step").Add(c => c.YTitle, "p")
            .Add(c => c.Series, [new ChartSeries("rp (AUC 0.123)", "#000", loss)]).Add(c => c.ShowLast, false));
        Assert.Equal("rp (AUC 0.123)", bare.Find(".rp-legend li").TextContent.Trim());
    }

    [Fact]
    public void LongLinesAreThinnedToAFixedNumberOfPointsKeepingTheEnds()
    {
        var drawn = LineChart.Sampled(3000).ToArray();
        Assert.Equal(LineChart.MaxPoints, drawn.Length);
        Assert.Equal(0, drawn[0]);
        Assert.Equal(2999, drawn[^1]);
        Assert.Equal(drawn.Order(), drawn);
        Assert.Equal(Enumerable.Range(0, 20), LineChart.Sampled(20));
    }
}
