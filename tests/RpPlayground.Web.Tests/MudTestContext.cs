using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace RpPlayground.Web.Tests;

/// <summary>A bUnit context with MudBlazor's services and loose JavaScript interop, for component tests.</summary>
public abstract class MudTestContext : BunitContext
{
    protected MudTestContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }
}
