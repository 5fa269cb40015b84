namespace RpPlayground.Web.Samples;

/// <summary>What a run explains: a model, an image (sample or upload id) and a class index (−1 until the image is classified).</summary>
public sealed record RunSubject(string ModelId, string ImageId, int Target)
{
    /// <summary>What the pages open with: the default model and the first sample, not yet classified.</summary>
    public static RunSubject Default(Core.Models.ModelCatalog catalog, SampleCatalog samples) =>
        new(catalog.DefaultId ?? "", samples.Items.FirstOrDefault()?.Id ?? "", -1);

    /// <summary>Whether <paramref name="other"/> shows the same picture to the same model (the class may differ).</summary>
    public bool SamePicture(RunSubject other) => ModelId == other.ModelId && ImageId == other.ImageId;

    /// <summary>
    /// The subject with another model, not yet classified; a sample that does not suit that model (a world scene for an
    /// ImageNet model, a photo for the world model) gives way to the first that does. Uploads stay.
    /// </summary>
    public RunSubject WithModel(string modelId, Core.Models.ModelCatalog catalog, SampleCatalog samples)
    {
        var format = catalog.Find(modelId).Spec.Format;
        var image = samples.Find(ImageId) is { } sample && !sample.Suits(format) ? samples.For(format).First().Id : ImageId;
        return new RunSubject(catalog.Find(modelId).Spec.Id, image, -1);
    }
}
