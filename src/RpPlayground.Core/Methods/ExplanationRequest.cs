using RpPlayground.Core.Models;
using static TorchSharp.torch;

namespace RpPlayground.Core.Methods;

/// <summary>
/// What to explain: an image as [1, 3, S, S] pixels in [0, 1] on the classifier's device (S its input size), the target
/// class, extra classes to track beside the original's top five, and the seed for everything random.
/// </summary>
public sealed record ExplanationRequest(ImageClassifier Classifier, Tensor Pixels, int Target, IReadOnlyList<int> ExtraTracked, int Seed)
{
    /// <summary>Throws <see cref="Core.InvalidRequestException"/> with a message for the user when the request cannot run.</summary>
    public void Validate()
    {
        var size = Classifier.InputSize;
        if (Pixels.dim() != 4 || Pixels.shape[0] != 1 || Pixels.shape[1] != 3 || Pixels.shape[2] != size || Pixels.shape[3] != size)
            throw new InvalidRequestException($"The image must be [1,3,{size},{size}] for model '{Classifier.Spec.Id}', not [{string.Join(",", Pixels.shape)}].");
        if (Target < 0 || Target >= Classifier.Labels.Count)
            throw new InvalidRequestException($"Target class {Target} is outside 0..{Classifier.Labels.Count - 1}.");
        var bad = ExtraTracked.FirstOrDefault(c => c < 0 || c >= Classifier.Labels.Count, -1);
        if (bad >= 0) throw new InvalidRequestException($"Tracked class {bad} is outside 0..{Classifier.Labels.Count - 1}.");
    }
}
