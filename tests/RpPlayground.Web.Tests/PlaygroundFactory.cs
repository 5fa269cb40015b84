using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace RpPlayground.Web.Tests;

/// <summary>The real host with its data folder (SQLite file) in a folder of the test's own, deleted afterwards unless the test keeps it for another host.</summary>
public sealed class PlaygroundFactory : WebApplicationFactory<Program>
{
    readonly bool ownsFolder;
    readonly (string Key, string Value)[] settings;

    public PlaygroundFactory() : this(NewFolder(), ownsFolder: true, [])
    {
    }

    /// <summary>A host on <paramref name="dataFolder"/>; with <paramref name="ownsFolder"/> false the folder outlives it (restart tests).</summary>
    public static PlaygroundFactory On(string dataFolder, bool ownsFolder) => new(dataFolder, ownsFolder, []);

    /// <summary>A host of its own with these configuration values (for example <c>("Runs:MaxPerClient", "1")</c>).</summary>
    public static PlaygroundFactory With(params (string Key, string Value)[] settings) => new(NewFolder(), ownsFolder: true, settings);

    /// <summary>A host of its own on <paramref name="clock"/> (the run time limit's, the clean-up's) with these configuration values.</summary>
    public static PlaygroundFactory With(TimeProvider clock, params (string Key, string Value)[] settings) => new(NewFolder(), ownsFolder: true, settings) { clock = clock };

    TimeProvider? clock;

    PlaygroundFactory(string dataFolder, bool ownsFolder, (string Key, string Value)[] settings)
    {
        DataFolder = dataFolder;
        this.ownsFolder = ownsFolder;
        this.settings = settings;
    }

    static string NewFolder() => Path.Combine(Path.GetTempPath(), $"rp-data-{Guid.NewGuid():N}");

    public string DataFolder { get; }

    /// <summary>A SignalR client of <c>/hubs/runs</c> on the test server (long polling through the in-memory handler), not yet started.</summary>
    public HubConnection RunHub() => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, "/hubs/runs"), options =>
        {
            options.Transports = HttpTransportType.LongPolling;
            options.HttpMessageHandlerFactory = _ => Server.CreateHandler();
        })
        .Build();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataFolder", DataFolder);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (clock is { } time) builder.ConfigureTestServices(services => services.AddSingleton(time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsFolder && Directory.Exists(DataFolder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
