using static TorchSharp.torch;

namespace RpPlayground.Core.Methods;

/// <summary>Frames' maps at other resolutions.</summary>
public static class FrameMaps
{
    /// <summary>The frame's map bilinearly resized to <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static float[] Resized(Frame frame, int size)
    {
        if (frame.MapWidth == size && frame.MapHeight == size) return frame.Map;
        using var scope = NewDisposeScope();
        var map = tensor(frame.Map, new long[] { 1, 1, frame.MapHeight, frame.MapWidth });
        return MaskGrid.ToArray(MaskGrid.Upsample(map, size));
    }
}
