using RpPlayground.Core.Methods.RobustPerturbation;

namespace RpPlayground.Core.Methods;

/// <summary>
/// What the site, the API and the command line know about a method: its id, its name with its paper, its kind, whether
/// it has live switches, its steps (iterations or masks) with their default, the problems with its options, and how to
/// make it. Each method declares its own; <see cref="MethodCatalog"/> lists them.
/// </summary>
/// <param name="HasLiveSwitches">Whether the run's loss terms can be switched while it runs (RP's).</param>
public sealed record MethodDescriptor(string Id, string Name, MethodKind Kind, bool HasLiveSwitches, MethodSteps? Steps,
    Func<MethodSettings, int, int, IEnumerable<string>> OptionProblems, Func<MethodSettings, RpLiveSwitches?, IExplanationMethod> Factory)
{
    /// <summary>The problems with the method's part of <paramref name="settings"/> for a model, as sentences.</summary>
    public IEnumerable<string> Problems(MethodSettings settings, int inputSize, int classes) => OptionProblems(settings, inputSize, classes);

    /// <summary>What the method's map marks (how a page explains and draws it); saliency unless the method says otherwise.</summary>
    public MapMeaning Map { get; init; } = MapMeaning.Saliency;

    /// <summary>Which perturbed pictures the method's frames carry; none unless the method makes them.</summary>
    public PerturbedPictures Pictures { get; init; } = PerturbedPictures.None;

    /// <summary>
    /// The problems that only the model's network can tell (a layer it lacks), as sentences; null for methods whose
    /// options need no network. Checked when a run starts, so a bad option costs no place in the queue.
    /// </summary>
    public Func<MethodSettings, Models.ClassifierNetwork, IEnumerable<string>>? NetworkProblems { get; init; }

    /// <summary>The method configured by <paramref name="settings"/>; RP reads <paramref name="switches"/> every iteration when given.</summary>
    public IExplanationMethod Create(MethodSettings settings, RpLiveSwitches? switches = null) => Factory(settings, switches);
}

/// <summary>A method's count of steps: what it counts ("iterations", "masks"), its default, its largest value, and where it lives in the settings.</summary>
public sealed record MethodSteps(string Name, int Default, int Max, Func<MethodSettings, int> Get, Func<MethodSettings, int, MethodSettings> With);
