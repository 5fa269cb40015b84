using RpPlayground.Core.Images;

namespace RpPlayground.Core.Methods;

/// <summary>Frames' maps at other resolutions.</summary>
public static class FrameMaps
{
    /// <summary>The frame's map bilinearly resized to <paramref name="size"/> x <paramref name="size"/>.</summary>
    public static float[] Resized(Frame frame, int size) => Resized(frame, size, size);

    /// <summary>
    /// The frame's map bilinearly resized to <paramref name="width"/> x <paramref name="height"/> (as LibTorch's bilinear
    /// interpolation would, on any thread): the model's square map stretched back to a picture's own shape (the model saw
    /// the whole picture squeezed to its square input).
    /// </summary>
    public static float[] Resized(Frame frame, int width, int height) => BilinearResize.Resize(frame.Map, frame.MapWidth, frame.MapHeight, width, height);
}
