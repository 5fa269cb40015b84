using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Samples;

/// <summary>
/// A curated example: an image, a class and the loss terms to run it with, a sentence on what it shows, and (in
/// samples/gallery/{id}.json.gz) the engine's recording of that run, which the gallery plays at once.
/// </summary>
public sealed record GalleryItem
{
    /// <summary>A short name for links and the recording's file (letters, digits and dashes).</summary>
    public required string Id { get; init; }

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

    /// <summary>The link that plays the recording in the playground (with the same presets, so Run runs it live).</summary>
    public string ReplayLink => $"{Link}&replay={Uri.EscapeDataString(Id)}";

    /// <summary>The run the example's link starts when Run is pressed: the model's recommended options, these switches, seed 0.</summary>
    public RunRequest Request(ModelCatalog catalog) => RunDefinitions.Settle(new RunDefinition
    {
        Model = Model, Image = Image, Target = Target, Method = Method,
        Options = new System.Text.Json.Nodes.JsonObject
        {
            ["switches"] = new System.Text.Json.Nodes.JsonObject { ["nonTarget"] = NonTarget, ["nonTargetWeight"] = NonTargetWeight, ["reversedMask"] = ReversedMask },
        },
    }, catalog);
}
