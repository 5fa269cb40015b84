namespace RpPlayground.Cli;

/// <summary>Options that take a comma-separated list of whole numbers, such as <c>--runs 1,2,4,8</c>.</summary>
public static class NumberList
{
    /// <summary>The numbers, each within [<paramref name="min"/>, <paramref name="max"/>]; a <see cref="UsageException"/> naming <paramref name="option"/> otherwise.</summary>
    public static int[] Parse(string text, string option, int min, int max)
    {
        var numbers = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, out var n) && n >= min && n <= max ? n : throw new UsageException($"{option} takes numbers from {min} to {max}, not '{t}'.")).ToArray();
        return numbers.Length > 0 ? numbers : throw new UsageException($"{option} needs at least one number.");
    }
}
