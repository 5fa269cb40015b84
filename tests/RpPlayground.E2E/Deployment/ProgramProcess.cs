using System.Diagnostics;
using System.Reflection;
using RpPlayground.Tests.Shared;

namespace RpPlayground.E2E.Deployment;

/// <summary>
/// One of the project's programs (the site, <c>rp worker</c>) as a real process from its build output, started from
/// the repository folder with its output in artifacts/e2e/{name}.log; killed with SIGKILL, as a crash would end it.
/// </summary>
public sealed class ProgramProcess : IDisposable
{
    readonly Process process;
    readonly StreamWriter log;

    ProgramProcess(string name, string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryFolder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["MALLOC_ARENA_MAX"] = "1";  // one C heap arena, as the launch profile and the README's deployment commands start them
        foreach (var (key, value) in environment) start.Environment[key] = value;
        log = new StreamWriter(Path.Combine(SiteFixture.Artifacts, $"{name}.log")) { AutoFlush = true };
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public bool HasExited => process.HasExited;

    void Write(string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    /// <summary>A build output of this checkout, named by the test project's metadata (WebProgram, WorkerProgram).</summary>
    public static string Built(string key) => Path.GetFullPath(typeof(ProgramProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!);

    /// <summary>The site on <paramref name="address"/>, started and answering <c>/healthz</c>.</summary>
    public static async Task<ProgramProcess> SiteAsync(string name, string address, IReadOnlyDictionary<string, string> environment)
    {
        var site = new ProgramProcess(name, Built("WebProgram"), ["--urls", address], environment);
        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync($"{address}/healthz")).IsSuccessStatusCode) return site;
            }
            catch (HttpRequestException) when (!site.HasExited && deadline.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary><c>rp worker</c> with these arguments (it announces itself on Redis; the caller waits for that).</summary>
    public static ProgramProcess Worker(string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        new(name, Built("WorkerProgram"), ["worker", "--name", name, .. arguments], environment);

    /// <summary>Ends the process at once (SIGKILL): no shutdown, no goodbye to Redis.</summary>
    public void Kill()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
        lock (log) log.Dispose();
    }
}
