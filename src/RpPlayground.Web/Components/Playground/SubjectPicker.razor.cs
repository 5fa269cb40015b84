using System.Globalization;
using Microsoft.AspNetCore.Components;
using RpPlayground.Core.Images;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Components.Playground;

/// <summary>
/// Picks what to explain. Classifies the image on a run thread whenever the model or image changes and offers the top
/// classes first; a wanted label (from a link) is chosen once the classes are known. Errors show in place.
/// </summary>
public partial class SubjectPicker
{
    readonly List<(string Id, string Title)> uploads = [];
    IReadOnlyList<ClassScore> classes = [];
    string? error;
    (string, string)? classified;
    bool wantedApplied;

    [Inject] ModelCatalog Catalog { get; set; } = default!;

    [Inject] SampleCatalog Samples { get; set; } = default!;

    [Inject] RunService Runs { get; set; } = default!;

    /// <summary>The current choice.</summary>
    [Parameter, EditorRequired]
    public RunSubject Subject { get; set; } = default!;

    /// <summary>Raised with every new choice (target −1 while the image is being classified or could not be).</summary>
    [Parameter]
    public EventCallback<RunSubject> SubjectChanged { get; set; }

    /// <summary>A label or index to choose once the image is classified (from a link); otherwise the top class.</summary>
    [Parameter]
    public string? WantedTarget { get; set; }

    /// <summary>Whether the user may upload an image of their own.</summary>
    [Parameter]
    public bool AllowUpload { get; set; } = true;

    /// <summary>Whether the choice is locked (a run is going).</summary>
    [Parameter]
    public bool Disabled { get; set; }

    /// <summary>The classified top classes of the current image.</summary>
    public IReadOnlyList<ClassScore> TopClasses => classes;

    // The uploads of this page, an upload named by a link, then the samples, those that suit the model first.
    IEnumerable<(string Id, string Title)> Choices
    {
        get
        {
            var format = Catalog.Find(Subject.ModelId).Spec.Format;
            var all = uploads.Concat(Samples.For(format).Select(s => (s.Id, s.Title))).ToList();
            if (Subject.ImageId.StartsWith(ImageStore.Prefix, StringComparison.Ordinal) && all.All(c => c.Id != Subject.ImageId)) all.Insert(0, (Subject.ImageId, "shared upload"));
            return all;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (classified == (Subject.ModelId, Subject.ImageId)) return;
        classified = (Subject.ModelId, Subject.ImageId);
        error = null;
        classes = [];
        try
        {
            classes = await Runs.ClassifyAsync(Subject.ModelId, Subject.ImageId, 8);
            var wanted = wantedApplied ? null : WantedTarget;
            wantedApplied = true;
            var target = wanted is null ? classes[0].Index : LabelLookup.Index(Catalog.Get(Subject.ModelId).Labels, wanted, Subject.ModelId);
            if (target != Subject.Target) await SubjectChanged.InvokeAsync(Subject with { Target = target });
        }
        catch (Exception e) when (UserFailure.Is(e))
        {
            error = e.Message;
            if (Subject.Target != -1) await SubjectChanged.InvokeAsync(Subject with { Target = -1 });
        }
    }

    Task ChooseModelAsync(string id) => SubjectChanged.InvokeAsync(Subject.WithModel(id, Catalog, Samples));

    Task ChooseImageAsync(string id) => SubjectChanged.InvokeAsync(Subject with { ImageId = id, Target = -1 });

    Task ChooseTargetAsync(int target) => SubjectChanged.InvokeAsync(Subject with { Target = target });

    Task UploadedAsync(StoredImage stored)
    {
        if (uploads.All(u => u.Id != stored.Id)) uploads.Insert(0, (stored.Id, $"your upload ({stored.Width}x{stored.Height})"));
        return ChooseImageAsync(stored.Id);
    }

    // Top predictions first (with their probabilities), then every label that matches the search.
    Task<IEnumerable<int>> SearchClasses(string? text, CancellationToken cancellation)
    {
        var labels = Catalog.Get(Subject.ModelId).Labels;
        bool Matches(int i) => string.IsNullOrWhiteSpace(text) || labels[i].Contains(text, StringComparison.OrdinalIgnoreCase);
        return Task.FromResult(classes.Select(c => c.Index).Concat(Enumerable.Range(0, labels.Count)).Where(Matches).Distinct());
    }

    string ClassName(int index)
    {
        var labels = Catalog.Find(Subject.ModelId).IsAvailable ? Catalog.Get(Subject.ModelId).Labels : [];
        if (index < 0 || index >= labels.Count) return "";
        var score = classes.FirstOrDefault(c => c.Index == index);
        return score is null ? labels[index] : $"{labels[index]} ({(score.Probability * 100).ToString("0.0", CultureInfo.InvariantCulture)}%)";
    }
}
