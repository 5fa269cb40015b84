using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Models;

namespace RpPlayground.Web.Components.Models;

/// <summary>A table of declared models: which are available, and why the others are not.</summary>
public partial class ModelStateTable
{
    /// <summary>The declared models, in the order to show them.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ModelEntry> Entries { get; set; } = [];

    /// <summary>The id of the model pages open with, marked as the default.</summary>
    [Parameter]
    public string? DefaultId { get; set; }

    static string OutputText(OutputKind kind) => kind == OutputKind.Sigmoid ? "multi-label (sigmoid)" : "single-label (softmax)";
}
