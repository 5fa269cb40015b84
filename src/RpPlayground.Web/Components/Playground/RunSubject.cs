namespace RpPlayground.Web.Components.Playground;

/// <summary>What a run explains: a model, an image (sample or upload id) and a class index (−1 until the image is classified).</summary>
public sealed record RunSubject(string ModelId, string ImageId, int Target)
{
    /// <summary>What the pages open with: the default model and the first sample, not yet classified.</summary>
    public static RunSubject Default(Core.Models.ModelCatalog catalog, Samples.SampleCatalog samples) =>
        new(catalog.DefaultId ?? "", samples.Items.FirstOrDefault()?.Id ?? "", -1);
}
