namespace RpPlayground.Cli.Benchmarks;

/// <summary>A one-line progress counter on stderr, redrawn in place when stderr is a terminal.</summary>
public sealed class ConsoleProgress(string task, int total)
{
    readonly bool live = !Console.IsErrorRedirected;
    readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    int lastPercent = -1;

    /// <summary>Time since the progress started.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Shows that <paramref name="done"/> of the total steps are done, with an optional note.</summary>
    public void Report(int done, string? note = null)
    {
        var percent = (int)(100L * done / total);
        var line = $"{task}: {done}/{total} ({percent}%){(note is null ? "" : ", " + note)}";
        if (live)
            Console.Error.Write($"\r{line}   ");
        else if (percent / 10 != lastPercent / 10 || done == total)
            Console.Error.WriteLine(line);
        lastPercent = percent;
    }

    /// <summary>Ends the line.</summary>
    public void Done()
    {
        if (live) Console.Error.WriteLine();
    }
}
