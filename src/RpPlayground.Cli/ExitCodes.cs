namespace RpPlayground.Cli;

/// <summary>How the command ends: 0 done, 2 bad input (one line on stderr), 1 anything else.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadInput = 2;

    /// <summary>Whether an exception is the user's input at fault rather than the program.</summary>
    public static bool IsBadInput(Exception e) => e is UsageException or Core.UserFacingException or FileNotFoundException or DirectoryNotFoundException
        or Microsoft.Extensions.Options.OptionsValidationException;  // a setting out of range, named by its key (rp worker)

    /// <summary>Reports <paramref name="e"/> on stderr and returns the exit code for it.</summary>
    public static int Report(Exception e)
    {
        if (IsBadInput(e))
        {
            Console.Error.WriteLine($"rp: {e.Message}");
            return BadInput;
        }
        Console.Error.WriteLine($"rp: unexpected error: {e}");
        return Failure;
    }
}
