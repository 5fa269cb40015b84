using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Models;
using RpPlayground.Runs.Remote;

namespace RpPlayground.Web.Components.Models;

/// <summary>A table of declared models: which are available, and why the others are not; on a web node, which workers run each.</summary>
public partial class ModelStateTable
{
    /// <summary>The declared models, in the order to show them.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ModelEntry> Entries { get; set; } = [];

    /// <summary>The id of the model pages open with, marked as the default.</summary>
    [Parameter]
    public string? DefaultId { get; set; }

    /// <summary>With <c>Runs:Backend = Redis</c>, the workers heard from lately (a column says which serve each model); null in-process.</summary>
    [Parameter]
    public IReadOnlyList<WorkerBeat>? Workers { get; set; }

    List<WorkerBeat> Serving(string modelId) => (Workers ?? []).Where(w => w.Models.Contains(modelId)).ToList();

    static string OutputText(OutputKind kind) => kind == OutputKind.Sigmoid ? "multi-label (sigmoid)" : "single-label (softmax)";
}
