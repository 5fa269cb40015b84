using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>Gradient saliency (Simonyan, Vedaldi, Zisserman, ICLR workshop 2014): |∂ logit_T / ∂x|, the maximum over colour channels.</summary>
public sealed class GradientMethod : OneShotMethod
{
    public const string MethodId = "gradient";

    public static MethodDescriptor Descriptor { get; } = new MethodDescriptor<GradientOptions>(MethodId, "Gradient (Simonyan et al., 2014)", MethodKind.OneShot,
        _ => new GradientOptions(), (_, _) => new GradientMethod());

    public override string Id => MethodId;

    public override string Name => Descriptor.Name;

    protected override (Tensor Map, string? Note) Explain(ExplanationRequest request)
    {
        var x = request.Pixels.detach().clone().requires_grad_(true);
        request.Classifier.Logits(x)[0, request.Target].backward();
        return (x.grad!.abs().amax([1], keepdim: true), null);
    }
}
