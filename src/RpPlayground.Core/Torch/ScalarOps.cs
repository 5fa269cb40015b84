using TorchSharp;
using static TorchSharp.torch;

namespace RpPlayground.Core.Torch;

/// <summary>
/// Tensor arithmetic with a number, the one way Core hands LibTorch a number. TorchSharp 0.107 turns a number into a
/// native <see cref="Scalar"/> that only a finalizer frees, and passes LibTorch a raw pointer to it; a Scalar made
/// implicitly (<c>t * 2.0</c>, <c>t.clamp(0, 1)</c>, TorchSharp's own optimisers) is unreachable during that call, so a
/// collection started by another thread can free it while LibTorch reads it: "Unknown scalar type", NaN masks, a
/// crashed process (seen in CI). Here each Scalar is either made for the call and disposed after it, or one of the
/// process-lifetime constants. <c>ScalarLifetimeTests</c> reads the IL of every assembly and fails on any other way.
/// </summary>
public static class ScalarOps
{
    /// <summary>Constants that live as long as the process (never finalized, so never freed mid-call).</summary>
    public static readonly Scalar Zero = 0.0.ToScalar(), One = 1.0.ToScalar(), Two = 2.0.ToScalar();

    // LibTorch refuses a floating-point alpha for integer tensors.
    static readonly Scalar IntegerOne = 1L.ToScalar();

    static Scalar UnitAlpha(Tensor t) => t.is_floating_point() || t.is_complex() ? One : IntegerOne;

    /// <summary>1 − t (as TorchSharp's <c>1 - t</c> computes it: −t + 1).</summary>
    public static Tensor OneMinus(this Tensor t) => t.negative().add(One, UnitAlpha(t));

    /// <summary>a + b: TorchSharp's <c>a + b</c> passes LibTorch an implicit alpha of 1, so it races too.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, UnitAlpha(a));

    /// <summary>The sum of <paramref name="terms"/> (at least one), added left to right.</summary>
    public static Tensor Sum(IEnumerable<Tensor> terms) => terms.Aggregate(Plus);

    public static Tensor Times(this Tensor t, double factor) => With(factor, t.mul);

    public static Tensor Plus(this Tensor t, double term) => With(term, s => t.add(s, UnitAlpha(t)));

    /// <summary>t + n, keeping an integer tensor integer.</summary>
    public static Tensor Plus(this Tensor t, long term) => With(term.ToScalar(), s => t.add(s, UnitAlpha(t)));

    public static Tensor DividedBy(this Tensor t, double divisor) => With(divisor, s => t.div(s));

    public static Tensor Power(this Tensor t, double exponent) => With(exponent, t.pow);

    public static Tensor ClampTo(this Tensor t, double low, double high) => With(low, l => With(high, h => t.clamp(l, h)));

    public static Tensor ClampAtLeast(this Tensor t, double low) => With(low, t.clamp_min);

    public static Tensor ClampAtMost(this Tensor t, double high) => With(high, t.clamp_max);

    /// <summary>1 where t &lt; <paramref name="bound"/>, else 0 (bool).</summary>
    public static Tensor Below(this Tensor t, double bound) => With(bound, t.lt);

    public static Tensor LeakyRelu(this Tensor t, double negativeSlope) => With(negativeSlope, s => t.leaky_relu(s));

    /// <summary>A float tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static Tensor Filled(long[] shape, double value, Device device) => With(value, s => full(shape, s, float32, device));

    /// <summary>A tensor like <paramref name="like"/> filled with <paramref name="value"/>.</summary>
    public static Tensor FilledLike(Tensor like, double value) => With(value, s => full_like(like, s));

    /// <summary>start, start + 1, …, stop − 1.</summary>
    public static Tensor Range(long start, long stop, ScalarType dtype, Device device)
    {
        using Scalar from = start.ToScalar(), to = stop.ToScalar(), step = 1L.ToScalar();
        return arange(from, to, step, dtype, device);
    }

    static Tensor With(double value, Func<Scalar, Tensor> operation) => With(value.ToScalar(), operation);

    // The Scalar lives until the operation has returned, then is freed at once.
    static Tensor With(Scalar scalar, Func<Scalar, Tensor> operation)
    {
        using (scalar) return operation(scalar);
    }
}
