using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>Grad-CAM (Selvaraju et al., ICCV 2017): α_k is the spatial mean of ∂ logit_T / ∂A^k.</summary>
public sealed class GradCamMethod(CamOptions options) : CamMethod(options)
{
    public const string MethodId = "gradcam";

    public static MethodDescriptor Descriptor { get; } = new MethodDescriptor<CamOptions>(MethodId, "Grad-CAM (Selvaraju et al., ICCV 2017)", MethodKind.OneShot,
        _ => new CamOptions(), (o, _) => new GradCamMethod(o))
    {
        NetworkProblems = (o, network) => LayerProblems((CamOptions)o, network),
    };

    public GradCamMethod() : this(new CamOptions())
    {
    }

    public override string Id => MethodId;

    public override string Name => Descriptor.Name;

    protected override Tensor ChannelWeights(Tensor activation, Tensor gradient) => gradient.mean([2, 3], keepdim: true);
}
