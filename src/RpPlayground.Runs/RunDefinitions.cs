using RpPlayground.Core;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Models;

namespace RpPlayground.Runs;

/// <summary>How a <see cref="RunDefinition"/> becomes a <see cref="RunRequest"/>: the one place that reads and checks one, for every front end.</summary>
public static class RunDefinitions
{
    /// <summary>
    /// The run <paramref name="definition"/> asks for on the catalog's model: the target's index, the method's options
    /// (the given ones over the model's recommendation) and the schedule. Throws a user-facing exception naming the
    /// model or the class that does not exist, or an <see cref="Core.InvalidRequestException"/> with every problem of the options.
    /// </summary>
    public static RunRequest Settle(RunDefinition definition, ModelCatalog catalog)
    {
        var entry = catalog.Find(definition.Model);
        if (!entry.IsAvailable) throw new UnknownModelException($"Model '{entry.Spec.Id}' is not available: {entry.Problem}");
        var labels = entry.ReadLabels();
        var target = LabelLookup.Index(labels, definition.Target, entry.Spec.Id);
        var (method, options) = new MethodChoice(definition.Method, definition.Options).Settle(entry.Spec, labels.Length);
        if (definition.Schedule.Count > 0 && !method.HasLiveSwitches) throw new InvalidRequestException($"{method.Name} has no switches to schedule.");
        var schedule = definition.Schedule.SelectMany(change => change.Switches.Problems()).Distinct().ToArray();
        if (schedule.Length > 0) throw new InvalidRequestException(string.Join(" ", schedule));
        return new RunRequest(entry.Spec.Id, definition.Image, target, method.Id, options, definition.Seed) { Schedule = definition.Schedule };
    }
}
