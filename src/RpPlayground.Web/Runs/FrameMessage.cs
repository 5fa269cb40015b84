using RpPlayground.Core.Methods;

namespace RpPlayground.Web.Runs;

/// <summary>
/// A frame as it travels to clients: the map quantised to bytes (0 to 255, row-major), the rest as is, and when the
/// server published it (Unix milliseconds, for measuring how long it took to arrive; null when not known).
/// </summary>
public sealed record FrameMessage(int Iteration, int Iterations, int MapWidth, int MapHeight, byte[] Map, IReadOnlyList<ClassTrack> Classes,
    DistortionScores? Distortion, IReadOnlyDictionary<string, double> Loss, bool Clean, double ElapsedMs, double? PublishedAtMs = null)
{
    public static FrameMessage From(Frame frame, double? publishedAtMs = null) => new(frame.Iteration, frame.Iterations, frame.MapWidth, frame.MapHeight, Quantise(frame.Map),
        frame.Classes, frame.Distortion, frame.Loss, frame.Clean, frame.ElapsedMs, publishedAtMs);

    /// <summary>Values in [0, 1] as bytes.</summary>
    public static byte[] Quantise(float[] map) => map.Select(v => (byte)Math.Clamp(MathF.Round(v * 255), 0, 255)).ToArray();
}
