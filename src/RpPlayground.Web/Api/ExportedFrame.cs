using RpPlayground.Core.Methods;

namespace RpPlayground.Web.Api;

/// <summary>One frame in <c>frames.json</c>: everything but the map (the run keeps only its last map; <c>mask.png</c> has it).</summary>
public sealed record ExportedFrame(int Iteration, int Iterations, double ElapsedMs, bool Clean, IReadOnlyDictionary<string, double> Loss,
    IReadOnlyList<ClassTrack> Classes, DistortionScores? Distortion)
{
    public static ExportedFrame From(Frame frame) =>
        new(frame.Iteration, frame.Iterations, frame.ElapsedMs, frame.Clean, frame.Loss, frame.Classes, frame.Distortion);
}
