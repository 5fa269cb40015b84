namespace RpPlayground.Web.Samples;

/// <summary>A curated example: an image, a class and the loss terms to run it with, and a sentence on what it shows.</summary>
public sealed record GalleryItem
{
    public required string Title { get; init; }

    /// <summary>What to look for, in one or two sentences.</summary>
    public required string Text { get; init; }

    /// <summary>A sample id (see <see cref="SampleCatalog"/>).</summary>
    public required string Image { get; init; }

    public string Model { get; init; } = "world";

    /// <summary>The class to explain, by label.</summary>
    public required string Target { get; init; }

    public string Method { get; init; } = "rp";

    /// <summary>Whether the non-target term is on.</summary>
    public bool NonTarget { get; init; } = true;

    /// <summary>The non-target term's weight.</summary>
    public double NonTargetWeight { get; init; } = 1;

    /// <summary>Whether the reversed-mask term is on.</summary>
    public bool ReversedMask { get; init; } = true;

    /// <summary>The playground link that presets all of it.</summary>
    public string Link => $"/?model={Uri.EscapeDataString(Model)}&image={Uri.EscapeDataString(Image)}&target={Uri.EscapeDataString(Target)}" +
        $"&method={Method}&nt={(NonTarget ? "true" : "false")}&ntw={NonTargetWeight.ToString(System.Globalization.CultureInfo.InvariantCulture)}&rm={(ReversedMask ? "true" : "false")}";
}
