namespace RpPlayground.Runs.Configuration;

/// <summary>Settings that can say what is wrong with them, in sentences that name their configuration keys.</summary>
public interface IValidatedOptions
{
    /// <summary>The problems with these values, each naming its key under <paramref name="section"/> (for example "Runs:MaxConcurrent"); empty when valid.</summary>
    IEnumerable<string> Problems(string section);
}
