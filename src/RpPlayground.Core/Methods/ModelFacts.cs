namespace RpPlayground.Core.Methods;

/// <summary>What a method's options are checked against: the model's input side and its number of classes.</summary>
public sealed record ModelFacts(int InputSize, int Classes)
{
    /// <summary>The facts of a loaded classifier.</summary>
    public static ModelFacts Of(Models.ImageClassifier classifier) => new(classifier.InputSize, classifier.Labels.Count);
}
