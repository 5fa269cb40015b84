using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace RpPlayground.Web.Components;

/// <summary>A component that paints through its own JavaScript module (the <c>.razor.js</c> beside it), imported on first use and released with the component.</summary>
public abstract class JsModuleComponent : ComponentBase, IAsyncDisposable
{
    IJSObjectReference? module;

    [Inject]
    IJSRuntime JS { get; set; } = default!;

    /// <summary>The module's path from the web root, e.g. <c>./Components/Playground/MaskCanvas.razor.js</c>.</summary>
    protected abstract string ModulePath { get; }

    /// <summary>Calls a function the module exports.</summary>
    protected async Task InvokeModuleAsync(string function, params object?[] arguments) => await (await Module()).InvokeVoidAsync(function, arguments);

    /// <summary>Calls a function the module exports and returns its value.</summary>
    protected async Task<T> InvokeModuleAsync<T>(string function, params object?[] arguments) => await (await Module()).InvokeAsync<T>(function, arguments);

    async Task<IJSObjectReference> Module() => module ??= await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (module is null) return;
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // the tab is gone; nothing to release in it
        }
    }
}
