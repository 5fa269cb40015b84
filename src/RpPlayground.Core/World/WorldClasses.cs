namespace RpPlayground.Core.World;

/// <summary>The object classes of the synthetic world, in the model's output order, and the backgrounds they appear on.</summary>
public static class WorldClasses
{
    /// <summary>Class labels; the index is the model's output index.</summary>
    public static readonly IReadOnlyList<string> Labels = ["sun", "cloud", "boat", "fish", "tree", "flower", "house", "ball"];

    public const int Sun = 0, Cloud = 1, Boat = 2, Fish = 3, Tree = 4, Flower = 5, House = 6, Ball = 7;

    /// <summary>Background kinds.</summary>
    public static readonly IReadOnlyList<string> Backgrounds = ["sky", "water", "grass", "sand"];

    public const int Sky = 0, Water = 1, Grass = 2, Sand = 3;

    /// <summary>
    /// Relative chance of each class on each background: the context a model can learn to lean on. Sun and cloud
    /// belong to the sky, boat and fish to water, tree and flower to grass, ball and house to sand.
    /// </summary>
    public static readonly float[][] ClassWeightsByBackground =
    [
        [3f, 3f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f],   // sky
        [0.5f, 0.5f, 3f, 3f, 0.5f, 0.5f, 0.5f, 0.5f],   // water
        [0.5f, 0.5f, 0.5f, 0.5f, 3f, 3f, 1.5f, 0.5f],   // grass
        [0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 2f, 3f],   // sand
    ];

    /// <summary>Companions: when the first class is in a scene, the second joins it with this probability.</summary>
    public static readonly (int Class, int Companion, double Probability)[] Companions =
    [
        (Sun, Cloud, 0.6),
        (Boat, Fish, 0.6),
        (Tree, Flower, 0.6),
    ];

    /// <summary>The rules above in words, for the model card and the site.</summary>
    public static readonly IReadOnlyList<string> ContextRules =
    [
        "Backgrounds: sky, water, grass, sand, chosen uniformly.",
        "Sun and cloud are six times likelier on sky than any other class; boat and fish on water; tree and flower on grass; ball (and, less so, house) on sand.",
        "A sun brings a cloud, a boat brings a fish, a tree brings a flower, each with probability 0.6 when there is room.",
        "Fish and ball are both orange with white stripes: blurred, they look alike.",
    ];
}
