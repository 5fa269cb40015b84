using RpPlayground.Core.Methods;

namespace RpPlayground.Web.Runs;

/// <summary>A frame as it travels to clients: the map quantised to bytes (0 to 255, row-major), the rest as is.</summary>
public sealed record FrameMessage(int Iteration, int Iterations, int MapWidth, int MapHeight, byte[] Map, IReadOnlyList<ClassTrack> Classes,
    DistortionScores? Distortion, IReadOnlyDictionary<string, double> Loss, bool Clean, double ElapsedMs)
{
    public static FrameMessage From(Frame frame) => new(frame.Iteration, frame.Iterations, frame.MapWidth, frame.MapHeight, Quantise(frame.Map),
        frame.Classes, frame.Distortion, frame.Loss, frame.Clean, frame.ElapsedMs);

    /// <summary>Values in [0, 1] as bytes.</summary>
    public static byte[] Quantise(float[] map) => map.Select(v => (byte)Math.Clamp(MathF.Round(v * 255), 0, 255)).ToArray();
}
