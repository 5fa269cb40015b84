using MudBlazor.Services;
using RpPlayground.Core.Torch;
using RpPlayground.Runs;
using RpPlayground.Runs.Remote;
using RpPlayground.Web.Api;
using RpPlayground.Web.Components;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Runs;

// Started from another folder (`dotnet path/to/RpPlayground.Web.dll`), the site still finds its appsettings.json.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
});
builder.WebHost.UseStaticWebAssets();  // library assets (MudBlazor's) from the build output in every environment, not only Development
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddRpSite(builder.Configuration);
builder.Services.AddRpRateLimits();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);  // bad bodies reach the handler, which answers them
builder.Services.AddRpWebNode(builder.Configuration);  // with Runs:Backend = Redis: the SignalR backplane and a shared key ring

var app = builder.Build();
app.Services.GetRequiredService<TorchRuntime>();  // start LibTorch and log the device before the first request
if (RunsServiceExtensions.UsesRedis(builder.Configuration)) app.Services.GetRequiredService<RpPlayground.Runs.Remote.RemoteRuns>();  // a missing Redis:Connection stops the start

app.UseSecurityHeaders();
// In every environment: the API answers failures with problem details and pages show the error page; no stack traces.
app.UseExceptionHandler("/error", createScopeForErrors: true);
// An empty error answer: the API's gets problem details (inner, so it goes first), a page's the not-found page.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseWhen(context => ApiExceptionHandler.IsApi(context.Request), api => api.UseStatusCodePages(ApiExceptionHandler.WriteEmptyStatusAsync));
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealth();
app.MapSamples();
app.MapRunApi();
app.MapImageApi();
app.MapSharedApi();
app.MapHub<RunHub>("/hubs/runs");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);  // SecurityHeaders sends the whole policy
app.Run();

/// <summary>The web host's entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
