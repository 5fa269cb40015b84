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
        Tensor? result = null;
        for (var dy = -reach; dy <= reach; dy++)
        {
            for (var dx = -reach; dx <= reach; dx++)
            {
                var weight = Math.Exp(-(dx * dx + dy * dy) / (2 * sigmaCells * sigmaCells));
                var shifted = padded[.., .., (reach + dy)..(int)(reach + dy + height), (reach + dx)..(int)(reach + dx + width)] * weight;
                result = result is null ? shifted : maximum(result, shifted);
            }
        }
        return result!;
    }
}
