using System.Text.Json.Nodes;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;

namespace RpPlayground.Core.Methods;

/// <summary>
/// What the site, the API and the command line know about a method: its id, its name with its paper, its kind, its
/// options' type (<see cref="IMethodOptions"/>) with the ones it recommends for a model and how to read them from a run
/// definition, its steps, what its map means and which pictures it makes, and how to make it. Each method declares its
/// own (<see cref="MethodDescriptor{TOptions}"/>); <see cref="MethodCatalog"/> lists them. A method with options of its
/// own touches its own files and its line in the catalog, nothing shared.
/// </summary>
public abstract class MethodDescriptor
{
    private protected MethodDescriptor(string id, string name, MethodKind kind)
    {
        Id = id;
        Name = name;
        Kind = kind;
    }

    /// <summary>Short id: rp, mp, ep, rise, gradcam, gradient.</summary>
    public string Id { get; }

    /// <summary>The method's name and paper, for people.</summary>
    public string Name { get; }

    public MethodKind Kind { get; }

    /// <summary>Whether the run's loss terms can be switched while it runs (RP's).</summary>
    public bool HasLiveSwitches { get; init; }

    /// <summary>Its count of steps (iterations, masks), or null for a method of one pass.</summary>
    public MethodSteps? Steps { get; init; }

    /// <summary>What the method's map marks (how a page explains and draws it); saliency unless the method says otherwise.</summary>
    public MapMeaning Map { get; init; } = MapMeaning.Saliency;

    /// <summary>Which perturbed pictures the method's frames carry; none unless the method makes them.</summary>
    public PerturbedPictures Pictures { get; init; } = PerturbedPictures.None;

    /// <summary>
    /// The problems that only the model's network can tell (a layer it lacks), as sentences; null for methods whose
    /// options need no network. Checked when a run starts, so a bad option costs no place in the queue.
    /// </summary>
    public Func<IMethodOptions, ClassifierNetwork, IEnumerable<string>>? NetworkProblems { get; init; }

    /// <summary>The type of the method's options.</summary>
    public abstract Type OptionsType { get; }

    /// <summary>The options the method runs with on a model when a definition says nothing: the authors', with the model's substrate where it recommends one.</summary>
    public abstract IMethodOptions Recommended(ModelSpec spec);

    /// <summary>
    /// The options a run definition gives (<paramref name="given"/>, any of the method's fields, the rest as
    /// <see cref="Recommended"/>); throws <see cref="Core.InvalidRequestException"/> naming a field the method lacks or a value of the wrong kind.
    /// </summary>
    public virtual IMethodOptions Read(JsonObject? given, ModelSpec spec) => MethodJson.Overlay(Recommended(spec), given, OptionsType, Name);

    /// <summary>The problems with <paramref name="options"/> for a model, as sentences (options of another method's type among them).</summary>
    public IEnumerable<string> Problems(IMethodOptions options, ModelFacts model) =>
        options.GetType() == OptionsType ? options.Problems(model) : [$"{Name} takes {OptionsType.Name}, not {options.GetType().Name}."];

    /// <summary>The method with these options; RP reads <paramref name="switches"/> every iteration when given.</summary>
    public abstract IExplanationMethod Create(IMethodOptions options, RpLiveSwitches? switches = null);
}

/// <summary>A method whose options are a <typeparamref name="TOptions"/>.</summary>
public sealed class MethodDescriptor<TOptions>(string id, string name, MethodKind kind, Func<ModelSpec, TOptions> recommended,
    Func<TOptions, RpLiveSwitches?, IExplanationMethod> create) : MethodDescriptor(id, name, kind)
    where TOptions : class, IMethodOptions
{
    /// <summary>How the method reads a definition's options, where it reads more than its fields (EP's named presets); null: field by field over the recommended.</summary>
    public Func<JsonObject?, ModelSpec, TOptions>? Reader { get; init; }

    public override Type OptionsType => typeof(TOptions);

    public override IMethodOptions Recommended(ModelSpec spec) => recommended(spec);

    public override IMethodOptions Read(JsonObject? given, ModelSpec spec) => Reader is { } read ? read(given, spec) : base.Read(given, spec);

    public override IExplanationMethod Create(IMethodOptions options, RpLiveSwitches? switches = null) =>
        options is TOptions own ? create(own, switches) : throw new InvalidRequestException($"{Name} takes {typeof(TOptions).Name}, not {options.GetType().Name}.");
}

/// <summary>A method's count of steps: what it counts ("iterations", "masks", also the option's name), its default, its largest value, and where it lives in its options.</summary>
public sealed record MethodSteps(string Name, int Default, int Max, Func<IMethodOptions, int> Get, Func<IMethodOptions, int, IMethodOptions> With)
{
    /// <summary>The steps of a method whose options are a <typeparamref name="TOptions"/>.</summary>
    public static MethodSteps Of<TOptions>(string name, int defaultSteps, int max, Func<TOptions, int> get, Func<TOptions, int, TOptions> with) where TOptions : IMethodOptions =>
        new(name, defaultSteps, max, o => get((TOptions)o), (o, n) => with((TOptions)o, n));
}
