namespace RpPlayground.Web.Components.Playground;

/// <summary>What a run explains: a model, an image (sample or upload id) and a class index (−1 until the image is classified).</summary>
public sealed record RunSubject(string ModelId, string ImageId, int Target);
