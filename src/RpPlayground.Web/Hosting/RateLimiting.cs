using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using RpPlayground.Runs.Configuration;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Hosting;

/// <summary>
/// Per-client limits on the HTTP API with ASP.NET Core's rate limiter: uploads and run starts per minute, counted per
/// client address in fixed one-minute windows. Over a limit: 429 with a problem body and <c>Retry-After</c>.
/// </summary>
public static class RateLimiting
{
    public const string Uploads = "uploads", RunStarts = "run-starts";

    /// <summary>
    /// The limits come from the section "RateLimits", checked when the site starts; the pages' own (each circuit's
    /// <see cref="RunClient"/> counting against <see cref="PageRateLimits"/>) are registered here too.
    /// </summary>
    public static IServiceCollection AddRpRateLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions>("RateLimits");
        services.AddSingleton<PageRateLimits>();
        services.AddScoped<RunClient>();
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(Uploads, context => PerMinute(context, Limits(context).UploadsPerMinute));
            options.AddPolicy(RunStarts, context => PerMinute(context, Limits(context).RunStartsPerMinute));
            options.OnRejected = async (rejected, cancellation) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem($"Too many requests from this client; try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
    }

    static RateLimitOptions Limits(HttpContext context) => context.RequestServices.GetRequiredService<RateLimitOptions>();

    static RateLimitPartition<string> PerMinute(HttpContext context, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(RunClient.ForRequest(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });
}
