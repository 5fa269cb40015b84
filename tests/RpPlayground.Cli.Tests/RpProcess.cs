using System.Diagnostics;
using System.Reflection;
using RpPlayground.Tests.Shared;

namespace RpPlayground.Cli.Tests;

/// <summary>Runs the built <c>rp</c> program in the repository root and captures what it prints.</summary>
public static class RpProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The built rp.dll.</summary>
    public static readonly string Program = Path.GetFullPath(typeof(RpProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RpProgram").Value!);

    /// <summary>The repository root (the folder holding RpPlayground.sln).</summary>
    public static string Repository => RepositoryFolder.Path;

    public static async Task<Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Result(process.ExitCode, await output, await error);
    }
}
