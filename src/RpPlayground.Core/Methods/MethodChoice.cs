using System.Text.Json.Nodes;
using RpPlayground.Core.Models;

namespace RpPlayground.Core.Methods;

/// <summary>
/// A method as a run definition names it, on a page, in an API body, in a link or on the command line: its id and the
/// options it gives (any of the method's fields as JSON; the rest are the model's recommendation).
/// <see cref="Settle"/> is the one place that turns it into the method's options, checked.
/// </summary>
public sealed record MethodChoice(string Method, JsonObject? Options = null)
{
    /// <summary>The method and its options for the model <paramref name="spec"/> with <paramref name="classes"/> classes; throws <see cref="Core.InvalidRequestException"/> with every problem in sentences.</summary>
    public (MethodDescriptor Method, IMethodOptions Options) Settle(ModelSpec spec, int classes)
    {
        var method = MethodCatalog.Get(Method);
        var options = method.Read(Options, spec);
        var problems = method.Problems(options, new ModelFacts(spec.InputSize, classes)).Distinct().ToArray();
        return problems.Length == 0 ? (method, options) : throw new InvalidRequestException(string.Join(" ", problems));
    }

    /// <summary>The method with its settled options for <paramref name="classifier"/>.</summary>
    public IExplanationMethod Create(ImageClassifier classifier)
    {
        var (method, options) = Settle(classifier.Spec, classifier.Labels.Count);
        return method.Create(options);
    }
}
