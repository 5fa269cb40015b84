namespace RpPlayground.Core.World;

/// <summary>One object in a scene: its class, where it is, and the pixels of it that are visible (row-major, H x W).</summary>
public sealed record SceneObject(int ClassIndex, float CenterX, float CenterY, float Scale, float Rotation, bool[] Mask)
{
    /// <summary>The class label.</summary>
    public string Label => WorldClasses.Labels[ClassIndex];

    /// <summary>How many pixels of the object are visible.</summary>
    public int VisiblePixels => Mask.Count(m => m);
}
