namespace RpPlayground.Cli.Benchmarks;

/// <summary>A one-line progress counter on stderr, redrawn in place when stderr is a terminal.</summary>
public sealed class ConsoleProgress(string task, int total)
{
    readonly bool live = !Console.IsErrorRedirected;

    /// <summary>Shows that <paramref name="done"/> of the total steps are done.</summary>
    public void Report(int done)
    {
        if (live)
            Console.Error.Write($"\r{task}: {done}/{total}   ");
        else if (done == total)
            Console.Error.WriteLine($"{task}: {done}/{total}");
    }

    /// <summary>Ends the line.</summary>
    public void Done()
    {
        if (live) Console.Error.WriteLine();
    }
}
