using System.CommandLine;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.Baselines;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Core.Substrates;

namespace RpPlayground.Cli;

/// <summary>The command-line options of the explanation methods, and the method they describe.</summary>
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

    /// <summary>What the options say, for the command's run.</summary>
    public MethodChoice Read(ParseResult parse) => new()
    {
        Method = parse.GetValue(Method)!, Seed = parse.GetValue(SeedOption), Steps = parse.GetValue(Iterations), EpPreset = parse.GetValue(EpPreset),
        CamLayer = parse.GetValue(GradCamLayer), LearningRate = parse.GetValue(LearningRate), MaskResolution = parse.GetValue(MaskResolution),
        Substrate = parse.GetValue(SubstrateKind) is { } kind ? new SubstrateOptions { Kind = kind, Sigma = parse.GetValue(SubstrateSigma), Value = parse.GetValue(SubstrateValue) } : null,
        Noise = parse.GetValue(Noise), Divergence = parse.GetValue(Divergence), TvBeta = parse.GetValue(Beta), NonTargetTopK = parse.GetValue(NonTargets),
        Switches = new RpSwitches
        {
            NonTarget = !parse.GetValue(NoNonTarget), ReversedMask = !parse.GetValue(NoReversedMask), NonTargetWeight = parse.GetValue(NonTargetWeight),
            ReversedTargetWeight = parse.GetValue(ReversedTargetWeight), ReversedNonTargetWeight = parse.GetValue(ReversedNonTargetWeight),
            Area = parse.GetValue(Lambda1), Smoothness = parse.GetValue(LambdaTv),
        },
    };

    static string StepsHelp() => "Optimisation steps or masks (" +
        string.Join(", ", MethodCatalog.All.Where(m => m.Steps is not null).Select(m => $"{m.Id} {m.Steps!.Default} {m.Steps.Name}")) + ").";
}

/// <summary>A method as the command line chose it; its settings for a model follow the model's recommendation where the line is silent.</summary>
public sealed record MethodChoice
{
    public required string Method { get; init; }

    public int Seed { get; init; }

    /// <summary>Iterations or masks; null: the method's default.</summary>
    public int? Steps { get; init; }

    public string? EpPreset { get; init; }

    public string? CamLayer { get; init; }

    public double LearningRate { get; init; }

    public int MaskResolution { get; init; }

    /// <summary>null: the model's recommended substrate.</summary>
    public SubstrateOptions? Substrate { get; init; }

    /// <summary>null: the model's recommended noise.</summary>
    public double? Noise { get; init; }

    public Divergence Divergence { get; init; }

    public double TvBeta { get; init; }

    public int NonTargetTopK { get; init; }

    public RpSwitches Switches { get; init; } = new();

    /// <summary>The method for a model; throws <see cref="ArgumentException"/> with the problems when the options are out of range.</summary>
    public IExplanationMethod Create(ImageClassifier classifier) => MethodCatalog.Get(Method).Create(Settings(classifier));

    /// <summary>Every setting of the methods: the command line's, else the model's recommendation, else the authors'.</summary>
    public MethodSettings Settings(ImageClassifier classifier)
    {
        var recommended = RpOptions.For(classifier.Spec);
        var rp = recommended with
        {
            Iterations = Steps ?? new RpOptions().Iterations, LearningRate = LearningRate, MaskResolution = MaskResolution,
            Substrate = Substrate ?? recommended.Substrate, NoiseSigma = Noise ?? recommended.NoiseSigma, Divergence = Divergence, TvBeta = TvBeta,
            NonTargetTopK = NonTargetTopK,
        };
        var definition = new MethodDefinition { Method = Method, Steps = Steps, Rp = rp, Switches = Switches, EpPreset = EpPreset, CamLayer = CamLayer };
        return definition.Settle(classifier.Spec, classifier.Labels.Count).Settings;
    }
}
