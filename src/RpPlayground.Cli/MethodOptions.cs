using System.CommandLine;
using System.Text.Json.Nodes;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Core.Substrates;

namespace RpPlayground.Cli;

/// <summary>
/// The command-line options of the explanation methods, and the method they describe: the flags a command line gives
/// become the method's options in a run definition's JSON (<see cref="Core.Methods.MethodChoice"/>), so the command line,
/// the pages and the API read and check them the same way. A flag not given leaves its option to the model's recommendation.
/// </summary>
public sealed class MethodOptions
{
    static readonly RpOptions RpDefaults = new();
    static readonly RpSwitches SwitchDefaults = new();

    public Option<string> Method { get; } = new("--method") { Description = $"{string.Join(", ", MethodCatalog.Ids)}.", DefaultValueFactory = _ => MethodCatalog.Ids[0] };
    public Option<int> SeedOption { get; } = new("--seed") { Description = "Seed for noise, substrates and random masks.", DefaultValueFactory = _ => 0 };
    public Option<int?> Iterations { get; } = new("--iterations") { Description = StepsHelp() };
    public Option<string?> EpPreset { get; } = new("--ep-preset") { Description = $"ep: {string.Join(" or ", EpOptions.Presets.Keys)} (default: paper)." };
    public Option<string?> GradCamLayer { get; } = new("--gradcam-layer") { Description = "gradcam: the activation to read (default: the model's GradCamLayer, else the last spatial feature map, named in the output)." };
    public Option<double> LearningRate { get; } = new("--lr") { Description = "rp: Adam's learning rate on the mask.", DefaultValueFactory = _ => RpDefaults.LearningRate };
    public Option<int> MaskResolution { get; } = new("--mask-resolution") { Description = "rp: mask grid side, 0 = full resolution.", DefaultValueFactory = _ => 0 };
    public Option<SubstrateKind?> SubstrateKind { get; } = new("--substrate") { Description = "rp: BlurMix, Gaussian, Constant or Noise (default: the model's recommendation, else BlurMix)." };
    public Option<double> SubstrateSigma { get; } = new("--substrate-sigma") { Description = "Gaussian substrate: sigma in pixels.", DefaultValueFactory = _ => 5 };
    public Option<double> SubstrateValue { get; } = new("--substrate-value") { Description = "Constant substrate: grey level in [0, 1].", DefaultValueFactory = _ => 0 };
    public Option<double?> Noise { get; } = new("--noise") { Description = "rp: sigma of the noise added to x_pt and x_rpt each iteration (default: the model's recommendation, else 0.2)." };
    public Option<Divergence> Divergence { get; } = new("--divergence") { Description = "rp: BoundedL1 (the authors' code) or BernoulliKl (the slides).", DefaultValueFactory = _ => RpDefaults.Divergence };
    public Option<double> Lambda1 { get; } = new("--lambda1") { Description = "rp: weight of mean|1 - m|.", DefaultValueFactory = _ => SwitchDefaults.Area };
    public Option<double> LambdaTv { get; } = new("--lambdatv") { Description = "rp: weight of the total variation.", DefaultValueFactory = _ => SwitchDefaults.Smoothness };
    public Option<double> Beta { get; } = new("--beta") { Description = "rp: exponent of the total variation.", DefaultValueFactory = _ => RpDefaults.TvBeta };
    public Option<double> NonTargetWeight { get; } = new("--nt-weight") { Description = "rp: weight of the non-target term.", DefaultValueFactory = _ => SwitchDefaults.NonTargetWeight };
    public Option<double> ReversedTargetWeight { get; } = new("--rm-target-weight") { Description = "rp: weight of the reversed-mask target part.", DefaultValueFactory = _ => SwitchDefaults.ReversedTargetWeight };
    public Option<double> ReversedNonTargetWeight { get; } = new("--rm-nontarget-weight") { Description = "rp: weight of the reversed-mask non-target part.", DefaultValueFactory = _ => SwitchDefaults.ReversedNonTargetWeight };
    public Option<int> NonTargets { get; } = new("--nontargets") { Description = "rp: 0 = every other class is a non-target; k = the original's top k.", DefaultValueFactory = _ => 0 };
    public Option<bool> NoNonTarget { get; } = new("--no-nt") { Description = "rp: switch the non-target term off." };
    public Option<bool> NoReversedMask { get; } = new("--no-rm") { Description = "rp: switch the reversed-mask term off." };

    public MethodOptions()
    {
        Method.AcceptOnlyFromAmong(MethodCatalog.Ids.ToArray());
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Method, SeedOption, Iterations, EpPreset, GradCamLayer, LearningRate, MaskResolution, SubstrateKind, SubstrateSigma, SubstrateValue, Noise,
                     Divergence, Lambda1, LambdaTv, Beta, NonTargetWeight, ReversedTargetWeight, ReversedNonTargetWeight, NonTargets, NoNonTarget, NoReversedMask })
            command.Options.Add(option);
    }

    /// <summary>What the options say, for the command's run: the method, the seed, and the method's options from the flags given.</summary>
    public MethodFlags Read(ParseResult parse)
    {
        var method = parse.GetValue(Method)!;
        var options = new JsonObject();
        void Set<T>(Option<T> flag, string name, Func<T, JsonNode?>? value = null)
        {
            if (parse.GetResult(flag) is { Implicit: false }) options[name] = value is null ? JsonValue.Create(parse.GetValue(flag)) : value(parse.GetValue(flag)!);
        }
        if (parse.GetValue(Iterations) is { } steps) options[MethodCatalog.Find(method)?.Steps?.Name ?? "iterations"] = steps;
        Set(EpPreset, "preset");
        Set(GradCamLayer, "layer");
        Set(LearningRate, "learningRate");
        Set(MaskResolution, "maskResolution");
        if (parse.GetValue(SubstrateKind) is { } kind)
            options["substrate"] = new JsonObject { ["kind"] = kind.ToString(), ["sigma"] = parse.GetValue(SubstrateSigma), ["value"] = parse.GetValue(SubstrateValue) };
        Set(Noise, "noiseSigma");
        Set(Divergence, "divergence", d => d.ToString());
        Set(Beta, "tvBeta");
        Set(NonTargets, "nonTargetTopK");
        var switches = new JsonObject();
        void Switch<T>(Option<T> flag, string name, Func<T, JsonNode?> value)
        {
            if (parse.GetResult(flag) is { Implicit: false }) switches[name] = value(parse.GetValue(flag)!);
        }
        Switch(NoNonTarget, "nonTarget", off => !off);
        Switch(NoReversedMask, "reversedMask", off => !off);
        Switch(NonTargetWeight, "nonTargetWeight", w => w);
        Switch(ReversedTargetWeight, "reversedTargetWeight", w => w);
        Switch(ReversedNonTargetWeight, "reversedNonTargetWeight", w => w);
        Switch(Lambda1, "area", w => w);
        Switch(LambdaTv, "smoothness", w => w);
        if (switches.Count > 0) options["switches"] = switches;
        return new MethodFlags(method, parse.GetValue(SeedOption), options);
    }

    static string StepsHelp() => "Optimisation steps or masks (" +
        string.Join(", ", MethodCatalog.All.Where(m => m.Steps is not null).Select(m => $"{m.Id} {m.Steps!.Default} {m.Steps.Name}")) + ").";
}

/// <summary>A method as the command line chose it: its id, the seed, and the options its flags gave (the rest follow the model's recommendation).</summary>
public sealed record MethodFlags(string Method, int Seed, JsonObject Options)
{
    /// <summary>The method and its options for a model; throws <see cref="Core.InvalidRequestException"/> with the problems when an option is out of range or not the method's.</summary>
    public (MethodDescriptor Method, IMethodOptions Options) Settle(ImageClassifier classifier) =>
        new MethodChoice(Method, Options.Count > 0 ? Options : null).Settle(classifier.Spec, classifier.Labels.Count);

    /// <summary>The method for a model, with its settled options.</summary>
    public IExplanationMethod Create(ImageClassifier classifier) => new MethodChoice(Method, Options.Count > 0 ? Options : null).Create(classifier);
}
