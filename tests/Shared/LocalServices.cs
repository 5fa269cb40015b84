using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RpPlayground.Tests.Shared;

/// <summary>
/// Finding and starting Debian's server programs for tests: a free loopback port, a program on the PATH or in its
/// Debian folder, and a child process whose output is kept for the failure message. <c>.ci/run</c> installs the
/// packages; where a program is absent, <see cref="Find"/> says so and the tests that need it skip with that reason.
/// </summary>
public static class LocalServices
{
    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The full path of <paramref name="program"/> on the PATH or in one of <paramref name="folders"/> (one <c>*</c> allowed), or null.</summary>
    public static string? Find(string program, params string[] folders)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        foreach (var folder in onPath.Concat(folders.SelectMany(Expand)))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    // "/usr/lib/postgresql/*/bin": each version's folder, newest first.
    static IEnumerable<string> Expand(string pattern)
    {
        var star = pattern.IndexOf('*');
        if (star < 0) return [pattern];
        var parent = pattern[..star].TrimEnd('/');
        var rest = pattern[(star + 1)..].TrimStart('/');
        return Directory.Exists(parent) ? Directory.GetDirectories(parent).OrderDescending().Select(d => Path.Combine(d, rest)) : [];
    }

    /// <summary>Starts a program with its output collected into <paramref name="log"/>.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, System.Text.StringBuilder log)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a program to its end; throws with its output when it fails.</summary>
    public static void Run(string program, params string[] arguments)
    {
        var log = new System.Text.StringBuilder();
        using var process = Start(program, arguments, log);
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {log}");
    }

    /// <summary>Waits until <paramref name="ready"/> holds, checking <paramref name="process"/> has not died; throws with its output after two minutes.</summary>
    public static void WaitUntil(Func<bool> ready, Process process, System.Text.StringBuilder log, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!ready())
        {
            if (process.HasExited) throw new InvalidOperationException($"{what} exited with {process.ExitCode} while starting: {log}");
            if (deadline.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException($"{what} did not start in two minutes: {log}");
            Thread.Sleep(100);
        }
    }

}
