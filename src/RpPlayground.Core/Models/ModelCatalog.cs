using System.Collections.Concurrent;
using RpPlayground.Core.Onnx;
using RpPlayground.Core.World;
using static TorchSharp.torch;

namespace RpPlayground.Core.Models;

/// <summary>
/// The declared models, which of them are usable here, and loading them. Users pick models by id and never name a
/// file. Loaded classifiers are shared (read-only use); <see cref="LoadCopy"/> gives a private one to modify.
/// </summary>
public sealed class ModelCatalog : IDisposable
{
    readonly ConcurrentDictionary<string, Lazy<ImageClassifier>> shared = new(StringComparer.OrdinalIgnoreCase);
    readonly Device device;

    /// <summary>
    /// A catalog of <paramref name="specs"/>, whose relative paths are resolved against <paramref name="baseDirectory"/>;
    /// <paramref name="preferredDefault"/> is the model to start with when it is available.
    /// </summary>
    public ModelCatalog(IEnumerable<ModelSpec> specs, string baseDirectory, Device device, string? preferredDefault = null)
    {
        this.device = device;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Entries = specs.Select(spec => Check(spec, baseDirectory, seen)).ToArray();
        var preferred = Entries.FirstOrDefault(e => e.IsAvailable && string.Equals(e.Spec.Id, preferredDefault, StringComparison.OrdinalIgnoreCase));
        DefaultId = (preferred ?? Entries.FirstOrDefault(e => e.IsAvailable))?.Spec.Id;
    }

    /// <summary>A catalog of the configured models.</summary>
    public ModelCatalog(ModelCatalogOptions options, Device device) : this(options.Declared, options.ResolveBaseDirectory(), device, options.Default)
    {
    }

    /// <summary>The model to start with: the configured default if available, else the first available one; null when none is.</summary>
    public string? DefaultId { get; }

    /// <summary>Every declared model, available or not, in declaration order.</summary>
    public IReadOnlyList<ModelEntry> Entries { get; }

    /// <summary>The declaration of <paramref name="id"/>, or an exception listing the ids there are.</summary>
    public ModelEntry Find(string id) =>
        Entries.FirstOrDefault(e => string.Equals(e.Spec.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new UnknownModelException($"There is no model '{id}'. Models: {string.Join(", ", Entries.Select(e => e.Spec.Id))}.");

    /// <summary>The shared classifier for <paramref name="id"/>, loaded on first use.</summary>
    /// <exception cref="UnknownModelException">Not declared, not available, or its file does not import.</exception>
    public ImageClassifier Get(string id)
    {
        var entry = Find(id);
        var lazy = shared.GetOrAdd(entry.Spec.Id, _ => new Lazy<ImageClassifier>(() => Load(entry), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch (UnknownModelException)
        {
            shared.TryRemove(entry.Spec.Id, out _);
            throw;
        }
    }

    /// <summary>A private copy of the classifier, for changing its weights (sanity checks); the caller disposes it.</summary>
    public ImageClassifier LoadCopy(string id) => Load(Find(id));

    /// <summary>Loads a classifier straight from files (the CLI's <c>--onnx</c>), with the same checks as declared models.</summary>
    public static ImageClassifier LoadFiles(ModelSpec spec, Device device)
    {
        var entry = Check(spec, Directory.GetCurrentDirectory(), new HashSet<string>());
        return Load(entry, device);
    }

    ImageClassifier Load(ModelEntry entry) => Load(entry, device);

    static ImageClassifier Load(ModelEntry entry, Device device)
    {
        if (!entry.IsAvailable) throw new UnknownModelException($"Model '{entry.Spec.Id}' is not available: {entry.Problem}");
        var labels = entry.ReadLabels();
        ClassifierNetwork network;
        try
        {
            network = IsWorld(entry.Spec) ? WorldNetwork.Load(entry.WeightsPath, labels.Length) : OnnxImporter.Load(entry.WeightsPath);
        }
        catch (Exception e) when (e is OnnxImportException or ArgumentException or IOException or System.Runtime.InteropServices.ExternalException)
        {
            throw new UnknownModelException($"Model '{entry.Spec.Id}' could not be loaded: {e.Message}", e);
        }
        return new ImageClassifier(entry.Spec, labels, network, device);
    }

    static ModelEntry Check(ModelSpec spec, string baseDirectory, HashSet<string> seen)
    {
        var weights = Resolve(spec.File, baseDirectory);
        var labels = Resolve(spec.Labels, baseDirectory);
        string? problem = null;
        if (string.IsNullOrWhiteSpace(spec.Id)) problem = "the declaration has no id";
        else if (!seen.Add(spec.Id)) problem = $"the id '{spec.Id}' is declared twice";
        else if (!IsWorld(spec) && !string.Equals(spec.Format, "onnx", StringComparison.OrdinalIgnoreCase)) problem = $"format '{spec.Format}' is not supported (onnx, world)";
        else if (string.IsNullOrWhiteSpace(spec.File)) problem = "no weights file is declared";
        else if (!File.Exists(weights)) problem = $"the weights file '{weights}' does not exist";
        else if (string.IsNullOrWhiteSpace(spec.Labels)) problem = "no labels file is declared";
        else if (!File.Exists(labels)) problem = $"the labels file '{labels}' does not exist";
        else if (spec.InputSize is < 16 or > 1024) problem = $"input size {spec.InputSize} is outside 16..1024";
        else
        {
            try
            {
                InputNormalization.From(spec);
            }
            catch (ArgumentException e)
            {
                problem = e.Message;
            }
        }
        return new ModelEntry(spec, weights, labels, problem);
    }

    static bool IsWorld(ModelSpec spec) => string.Equals(spec.Format, "world", StringComparison.OrdinalIgnoreCase);

    static string Resolve(string path, string baseDirectory) =>
        string.IsNullOrWhiteSpace(path) ? "" : Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var lazy in shared.Values.Where(l => l.IsValueCreated))
            lazy.Value.Dispose();
        shared.Clear();
    }
}
