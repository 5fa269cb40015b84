using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace RpPlayground.Web.Hosting;

/// <summary>
/// What a web node among several needs (<c>Runs:Backend = Redis</c>): SignalR's Redis backplane, so hub clients on any
/// node see any run, and one Data Protection key ring kept in Redis, so what one node protected another can read (a
/// prerendered page's component records when its circuit starts on another node, a circuit's id when it reconnects
/// there, antiforgery tokens).
/// </summary>
public static class WebNodeExtensions
{
    /// <summary>The Redis key that holds the nodes' shared Data Protection keys.</summary>
    public const string KeyRingKey = "rp:data-protection-keys";

    public static IServiceCollection AddRpWebNode(this IServiceCollection services, IConfiguration configuration)
    {
        if (!RpPlayground.Runs.RunsServiceExtensions.UsesRedis(configuration)) return services;
        services.AddSignalR().AddStackExchangeRedis(configuration["Redis:Connection"] ?? "",
            options => options.Configuration.ChannelPrefix = RedisChannel.Literal("rp-signalr"));
        services.AddDataProtection().SetApplicationName("RpPlayground");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, sp) =>
            options.XmlRepository = new RedisXmlRepository(() => sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase(), KeyRingKey));
        return services;
    }
}
