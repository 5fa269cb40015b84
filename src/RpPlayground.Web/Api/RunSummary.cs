using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Api;

/// <summary>
/// A run as <c>GET /api/runs/{id}</c> reports it: its state and place in the queue, its definition (complete, as
/// <c>POST /api/runs</c> takes it back), its last frame's scores, RP's starting switches and their changes (the schedule a
/// replay applies), and where to fetch its pictures and frames. <see cref="ControlToken"/> is set only in the answer to
/// the <c>POST</c> that started the run.
/// </summary>
public sealed record RunSummary(
    string Id, string? ControlToken, string State, int QueuePosition, string? Error,
    string Model, string Sample, int Target, string Method, int Seed,
    int? Iteration, int? Iterations, bool? Clean, double? ElapsedMs,
    DistortionScores? Distortion, IReadOnlyList<ClassTrack>? Classes, IReadOnlyDictionary<string, double>? Loss, string? Note,
    RpSwitches? Switches, IReadOnlyList<SwitchChange> Schedule,
    string Mask, string Overlay, string FramesCsv, string FramesJson, RunDefinition Definition)
{
    public static RunSummary Of(RunHandle run, string? controlToken = null)
    {
        var frame = run.LastFrame;
        var links = $"/api/runs/{run.Id}";
        return new RunSummary(run.Id, controlToken, run.State.ToString(), run.QueuePosition, run.Error,
            run.Request.ModelId, run.Request.SampleId, run.Request.Target, run.Request.Method, run.Request.Seed,
            frame?.Iteration, frame?.Iterations, frame?.Clean, frame?.ElapsedMs, frame?.Distortion, frame?.Classes, frame?.Loss, frame?.Note,
            run.Request.Switches, run.Schedule,
            $"{links}/mask.png", $"{links}/overlay.png", $"{links}/frames.csv", $"{links}/frames.json", RunDefinition.Of(run.Request with { Schedule = run.Schedule }));
    }
}

/// <summary>The answer to sharing a run: the shared run's id and the page that shows it.</summary>
public sealed record ShareLink(string Id, string Link);
