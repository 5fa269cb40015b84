using System.Diagnostics;
using System.Text;

namespace RpPlayground.Tests.Shared;

/// <summary>
/// A PostgreSQL server from Debian's postgresql package for one test class: a new cluster in a temporary folder
/// (initdb, trust authentication on loopback only), started on a free port. PostgreSQL refuses to run as root, so under
/// root the cluster belongs to the package's postgres user and runs as it. <see cref="Problem"/> says why it could not
/// start, and tests that need it skip with that reason. It can be stopped and started again on the same port and data
/// (the tests of a database that goes away).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    static readonly string[] Folders = ["/usr/lib/postgresql/*/bin"];
    readonly string folder = Path.Combine(Path.GetTempPath(), $"rp-postgres-{Guid.NewGuid():N}");
    readonly StringBuilder log = new();
    readonly string? postgres, ready, asUser, data;
    Process? process;

    public PostgresServer()
    {
        Port = LocalServices.FreePort();
        var initdb = Real(LocalServices.Find("initdb", Folders));
        postgres = initdb is null ? null : Path.Combine(Path.GetDirectoryName(initdb)!, "postgres");
        if (initdb is null || !File.Exists(postgres))
        {
            Problem = "PostgreSQL is not installed (.ci/run installs Debian's postgresql package).";
            return;
        }
        asUser = Environment.UserName == "root" ? "postgres" : null;
        Directory.CreateDirectory(folder);
        if (asUser is not null) LocalServices.Run("chown", asUser, folder);
        data = Path.Combine(folder, "data");
        ready = Path.Combine(Path.GetDirectoryName(initdb)!, "pg_isready");
        LocalServices.Run(Wrapper(asUser, initdb), [.. WrapperArguments(asUser, initdb), "-D", data, "-U", "rp", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        Start();
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> with its data and waits until it accepts connections.</summary>
    public void Start()
    {
        process = LocalServices.Start(Wrapper(asUser, postgres!), [.. WrapperArguments(asUser, postgres!),
            "-D", data!, "-p", Port.ToString(), "-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"], log);
        try
        {
            LocalServices.WaitUntil(() => Accepts(ready!), process, log, "postgres");
        }
        catch
        {
            Dispose();  // a fixture whose constructor throws is never disposed: leave no server behind
            throw;
        }
    }

    /// <summary>Stops the server the fast way (SIGINT: connections are cut, nothing is left running) and waits for it to exit.</summary>
    public void Stop()
    {
        if (process is not { HasExited: false }) return;
        LocalServices.Run("kill", "-INT", process.Id.ToString());
        process.WaitForExit();
    }

    // A link on the PATH (/usr/local/bin/initdb) to the version's folder, which holds postgres and pg_isready too.
    static string? Real(string? path) => path is null ? null : File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;

    public int Port { get; }

    /// <summary>Why there is no server, or null when it runs.</summary>
    public string? Problem { get; }

    /// <summary>An Npgsql connection string to a database of its own, made on first use of the name.</summary>
    public string ConnectionFor(string database)
    {
        var name = "rp_" + new string(database.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
        if (created.Add(name)) LocalServices.Run(Path.Combine(Path.GetDirectoryName(Real(LocalServices.Find("initdb", Folders))!)!, "createdb"), "-h", "127.0.0.1", "-p", Port.ToString(), "-U", "rp", name);
        return $"Host=127.0.0.1;Port={Port};Username=rp;Database={name};Pooling=true";
    }

    readonly HashSet<string> created = [];

    bool Accepts(string isReady)
    {
        using var probe = Process.Start(new ProcessStartInfo(isReady, ["-h", "127.0.0.1", "-p", Port.ToString(), "-U", "rp"]) { RedirectStandardOutput = true, RedirectStandardError = true });
        probe!.WaitForExit();
        return probe.ExitCode == 0;
    }

    // Under root: setpriv runs the program as the user in place (no child process between, so a kill reaches postgres).
    static string Wrapper(string? user, string program) => user is null ? program : "setpriv";

    static string[] WrapperArguments(string? user, string program) => user is null ? [] : [$"--reuid={user}", $"--regid={user}", "--init-groups", "--", program];

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }
        process?.Dispose();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}
