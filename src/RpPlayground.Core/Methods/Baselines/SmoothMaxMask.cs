using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>
/// Extremal Perturbation's smooth mask generator (Fong, Patrick, Vedaldi, ICCV 2019, section 3.2): each cell of the
/// mask is the largest of its neighbours' parameters weighted by a Gaussian of their distance,
/// <c>m(u) = max_v k(u − v)·m̄(v)</c> with <c>k(0) = 1</c>, the zero-temperature limit of the paper's smooth max, as the
/// authors' TorchRay code computes it. Bumps keep the Gaussian's shape and never add up beyond the largest parameter.
/// The neighbourhood and its weights are made once, in the caller's dispose scope, and reused every step.
/// </summary>
public sealed class SmoothMaxMask
{
    readonly int reach;
    readonly (int Dy, int Dx)[] offsets;
    readonly Tensor weights;

    /// <param name="sigmaCells">The Gaussian's sigma in grid cells; the neighbourhood reaches 2·sigma.</param>
    public SmoothMaxMask(double sigmaCells, Device device)
    {
        if (sigmaCells <= 0) throw new ArgumentOutOfRangeException(nameof(sigmaCells), "The smoothing must be positive.");
        reach = Math.Max(1, (int)Math.Ceiling(2 * sigmaCells));
        offsets = Enumerable.Range(-reach, 2 * reach + 1).SelectMany(dy => Enumerable.Range(-reach, 2 * reach + 1).Select(dx => (dy, dx))).ToArray();
        // One weight tensor rather than a number per offset: 169 implicit TorchSharp scalars a step (135,200 a run on
        // darknet-tiny) once crashed a run with "Unknown scalar type", most likely one freed by the finalizer mid-call.
        weights = tensor(offsets.Select(o => (float)Math.Exp(-(o.Dx * o.Dx + o.Dy * o.Dy) / (2 * sigmaCells * sigmaCells))).ToArray(),
            new long[] { offsets.Length, 1, 1, 1 }, device: device);
    }

    /// <summary>The generated mask of a parameter grid [1, 1, h, w]: every neighbour's view at once, [K, 1, h, w], times its weight, then the largest.</summary>
    public Tensor Generate(Tensor parameters)
    {
        var height = parameters.shape[2];
        var width = parameters.shape[3];
        var padded = nn.functional.pad(parameters, [reach, reach, reach, reach]);
        var views = cat(offsets.Select(o => padded[.., .., (reach + o.Dy)..(int)(reach + o.Dy + height), (reach + o.Dx)..(int)(reach + o.Dx + width)]).ToArray(), 0);
        return (views * weights).amax([0L], keepdim: true);
    }
}
