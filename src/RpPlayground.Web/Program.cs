using MudBlazor.Services;
using RpPlayground.Core.Torch;
using RpPlayground.Web.Components;
using RpPlayground.Web.Api;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Runs;

// Started from another folder (`dotnet path/to/RpPlayground.Web.dll`), the site still finds its appsettings.json.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = File.Exists("appsettings.json") ? null : AppContext.BaseDirectory,
});
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddRpCore(builder.Configuration);
builder.Services.AddProblemDetails();

var app = builder.Build();
app.Services.GetRequiredService<TorchRuntime>();  // start LibTorch and log the device before the first request

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
// Pages show the not-found page; the API answers with problem details (AddProblemDetails covers bad request bodies).
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealth();
app.MapSamples();
app.MapRunApi();
app.MapImageApi();
app.MapSharedApi();
app.MapHub<RunHub>("/hubs/runs");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

/// <summary>The web host's entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
