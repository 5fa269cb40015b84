using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Web.Api;

/// <summary>
/// One frame in <c>frames.json</c>: everything but the map (the run keeps only its last map; <c>mask.png</c> has it),
/// with the switches that iteration used (RP; null for the other methods), so a switch schedule can be read off the export.
/// </summary>
public sealed record ExportedFrame(int Iteration, int Iterations, double ElapsedMs, bool Clean, IReadOnlyDictionary<string, double> Loss,
    IReadOnlyList<ClassTrack> Classes, DistortionScores? Distortion, RpSwitches? Switches)
{
    public static ExportedFrame From(Frame frame, RpSwitches? switches) =>
        new(frame.Iteration, frame.Iterations, frame.ElapsedMs, frame.Clean, frame.Loss, frame.Classes, frame.Distortion, switches);
}
