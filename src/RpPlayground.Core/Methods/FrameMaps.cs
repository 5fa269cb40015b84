using static TorchSharp.torch;

namespace RpPlayground.Core.Methods;

/// <summary>Frames' maps at other resolutions.</summary>
public static class FrameMaps
{
    /// <summary>The frame's map bilinearly resized to <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static float[] Resized(Frame frame, int size) => Resized(frame, size, size);

    /// <summary>
    /// The frame's map bilinearly resized to <paramref name="width"/> x <paramref name="height"/>: the model's square map
    /// stretched back to a picture's own shape (the model saw the whole picture squeezed to its square input).
    /// </summary>
    public static float[] Resized(Frame frame, int width, int height)
    {
        if (frame.MapWidth == width && frame.MapHeight == height) return frame.Map;
        using var scope = NewDisposeScope();
        var map = tensor(frame.Map, new long[] { 1, 1, frame.MapHeight, frame.MapWidth });
        return MaskGrid.ToArray(MaskGrid.Upsample(map, height, width));
    }
}
