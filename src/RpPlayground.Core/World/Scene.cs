namespace RpPlayground.Core.World;

/// <summary>A rendered scene: RGB pixels as planes [3, H, W] in [0, 1], its background, and its objects with exact masks.</summary>
public sealed record Scene(int Size, float[] Pixels, int Background, IReadOnlyList<SceneObject> Objects)
{
    /// <summary>The multi-hot label vector: 1 for every class present.</summary>
    public float[] Targets()
    {
        var targets = new float[WorldClasses.Labels.Count];
        foreach (var o in Objects) targets[o.ClassIndex] = 1;
        return targets;
    }

    /// <summary>The union of the visible masks of the objects of one class.</summary>
    public bool[] ClassMask(int classIndex)
    {
        var mask = new bool[Size * Size];
        foreach (var o in Objects.Where(o => o.ClassIndex == classIndex))
            for (var i = 0; i < mask.Length; i++) mask[i] |= o.Mask[i];
        return mask;
    }
}
