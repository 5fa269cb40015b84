namespace RpPlayground.Cli;

/// <summary>A sample's mean and the standard error of that mean (NaN for fewer than two values).</summary>
public readonly record struct MeanAndError(double Mean, double Error, int Count)
{
    public static MeanAndError Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0) return new MeanAndError(double.NaN, double.NaN, 0);
        var mean = values.Average();
        var error = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) / values.Count) : double.NaN;
        return new MeanAndError(mean, error, values.Count);
    }
}
