using System.Globalization;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Api;

/// <summary>What a figure's caption says about a run: what was explained with what, how far it went, and the method's paper.</summary>
public static class RunCaption
{
    public static IReadOnlyList<string> Lines(RunRequest request, IReadOnlyList<SwitchChange> schedule, Frame frame, string targetLabel)
    {
        var method = MethodCatalog.Find(request.Method);
        var lines = new List<string>
        {
            $"“{targetLabel}” explained on {request.SampleId} by {request.ModelId}",
            method?.Name ?? request.Method,
        };
        var progress = $"iteration {frame.Iteration} of {frame.Iterations}";
        if (frame.Distortion is { } distortion) progress += string.Create(CultureInfo.InvariantCulture, $"; class distortion score {distortion.Code:0.000}");
        lines.Add(progress + $"; seed {request.Seed}");
        if (request.Switches is { } switches) lines.Add(SwitchSchedule.Describe(switches, schedule));
        lines.Add("RP Playground");
        return lines;
    }
}
