using System.Diagnostics;

namespace RpPlayground.Cli.Benchmarks;

/// <summary>Wall-clock timings of repeated runs, in milliseconds.</summary>
public sealed record Timing(double Median, double Mean, double Min, double Max, int Runs)
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmup"/> times unmeasured, then <paramref name="repeat"/> times measured.</summary>
    public static Timing Measure(Action action, int warmup, int repeat, Action<int>? progress = null)
    {
        for (var i = 0; i < warmup; i++) action();
        var samples = new double[repeat];
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            samples[i] = clock.Elapsed.TotalMilliseconds;
            progress?.Invoke(i + 1);
        }
        Array.Sort(samples);
        var median = repeat % 2 == 1 ? samples[repeat / 2] : (samples[repeat / 2 - 1] + samples[repeat / 2]) / 2;
        return new Timing(median, samples.Average(), samples[0], samples[^1], repeat);
    }
}
