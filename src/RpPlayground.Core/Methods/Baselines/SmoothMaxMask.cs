using static TorchSharp.torch;

namespace RpPlayground.Core.Methods.Baselines;

/// <summary>
/// Extremal Perturbation's smooth mask generator (Fong, Patrick, Vedaldi, ICCV 2019, section 3.2): each cell of the
/// mask is the largest of its neighbours' parameters weighted by a Gaussian of their distance,
/// <c>m(u) = max_v k(u − v)·m̄(v)</c> with <c>k(0) = 1</c>, the zero-temperature limit of the paper's smooth max, as the
/// authors' TorchRay code computes it. Bumps keep the Gaussian's shape and never add up beyond the largest parameter.
/// </summary>
public static class SmoothMaxMask
{
    /// <summary>The generated mask of a parameter grid [1, 1, h, w], with the Gaussian's sigma in cells (the kernel reaches 2·sigma).</summary>
    public static Tensor Generate(Tensor parameters, double sigmaCells)
    {
        if (sigmaCells <= 0) throw new ArgumentOutOfRangeException(nameof(sigmaCells), "The smoothing must be positive.");
        var reach = Math.Max(1, (int)Math.Ceiling(2 * sigmaCells));
        var height = parameters.shape[2];
        var width = parameters.shape[3];
        var padded = nn.functional.pad(parameters, [reach, reach, reach, reach]);
        // Every neighbour's view at once, [K, 1, h, w], times its weight, then the largest: one weight tensor, no
        // per-offset scalars (thousands of implicit TorchSharp scalars a run let the finalizer free one mid-call).
        var offsets = new List<(int Dy, int Dx)>();
        for (var dy = -reach; dy <= reach; dy++)
            for (var dx = -reach; dx <= reach; dx++) offsets.Add((dy, dx));
        var weights = tensor(offsets.Select(o => (float)Math.Exp(-(o.Dx * o.Dx + o.Dy * o.Dy) / (2 * sigmaCells * sigmaCells))).ToArray(),
            new long[] { offsets.Count, 1, 1, 1 }, device: parameters.device);
        var views = cat(offsets.Select(o => padded[.., .., (reach + o.Dy)..(int)(reach + o.Dy + height), (reach + o.Dx)..(int)(reach + o.Dx + width)]).ToArray(), 0);
        return (views * weights).amax([0L], keepdim: true);
    }
}
