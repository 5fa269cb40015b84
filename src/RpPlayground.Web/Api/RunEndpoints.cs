using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Api;

/// <summary>
/// The HTTP API for scripts: start a run, read its state and summary, fetch its mask, overlay and figure, export its
/// frames, share it, stop it. Each endpoint is a named handler with typed results; a user's failure that a handler does
/// not answer itself (a bad definition, a limit, a busy server) reaches <see cref="ApiExceptionHandler"/>, which answers
/// it as a problem by its kind, with <c>Retry-After</c> where it applies.
/// </summary>
public static class RunEndpoints
{
    /// <summary>The header that carries a run's control token, returned once (as <c>controlToken</c>) by <c>POST /api/runs</c>.</summary>
    public const string ControlHeader = "X-Run-Control";

    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/runs");
        api.MapPost("", Create).WithMetadata(BodyLimit.Json).RequireRateLimiting(RateLimiting.RunStarts);
        api.MapGet("/{id}", Summary);
        api.MapGet("/{id}/mask.png", Mask);
        api.MapGet("/{id}/overlay.png", Overlay);
        api.MapGet("/{id}/figure.svg", Figure);
        api.MapGet("/{id}/frames.csv", FramesCsv);
        api.MapGet("/{id}/frames.json", FramesJson);
        api.MapPost("/{id}/share", Share);
        api.MapDelete("/{id}", Stop);
        return endpoints;
    }

    static async Task<Results<Accepted<RunSummary>, ProblemHttpResult>> Create(RunCreation body, HttpContext context, RunService runs, ModelCatalog catalog)
    {
        if (body.NullField() is { } missing)
            return CannotStart($"The field '{missing}' is null; give it a value or leave it out.");
        if (body.LongestField() is { } tooLong)
            return CannotStart($"The field '{tooLong}' is longer than {RunCreation.MaxFieldLength} characters.");
        if (body.Schedule is { Count: > RunCreation.MaxScheduleLength })
            return CannotStart($"A schedule holds at most {RunCreation.MaxScheduleLength} switch changes.");
        var request = RunDefinitions.Settle(body.ToDefinition(), catalog);
        var run = await runs.StartAsync(request, RunClient.ForRequest(context), context.RequestAborted);
        return TypedResults.Accepted($"/api/runs/{run.Id}", RunSummary.Of(run, controlToken: run.ControlToken));
    }

    static async Task<Results<Ok<RunSummary>, ProblemHttpResult>> Summary(string id, RunService runs) =>
        await runs.FindAnywhereAsync(id) is { } run ? TypedResults.Ok(RunSummary.Of(run)) : UnknownRun(id);

    static Task<Results<FileContentHttpResult, ProblemHttpResult>> Mask(string id, HttpContext context, RunService runs, ModelCatalog catalog, MapPictures pictures) =>
        WithFrame(id, context, runs, pictures, "mask.png", (run, frame) => MapImages.MaskPng(frame, catalog.Find(run.Request.ModelId).Spec.InputSize));

    static Task<Results<FileContentHttpResult, ProblemHttpResult>> Overlay(string id, HttpContext context, RunService runs, MapPictures pictures) =>
        WithFrame(id, context, runs, pictures, "overlay.png", (run, frame) =>
        {
            using var picture = pictures.Picture(run.Request.SampleId);
            return MapImages.OverlayPng(frame, picture);
        });

    static Task<Results<FileContentHttpResult, ProblemHttpResult>> Figure(string id, HttpContext context, RunService runs, ModelCatalog catalog, MapPictures pictures) =>
        WithFrame(id, context, runs, pictures, "figure.svg", (run, frame) =>
        {
            using var picture = pictures.Picture(run.Request.SampleId);
            return MapImages.FigureSvg(frame, picture, catalog, run.Request, run.Schedule);
        });

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FramesCsv(string id, RunService runs) => await runs.FindAnywhereAsync(id) is { } run
        ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(FrameExport.Csv(run.History, SwitchesAt(run))), "text/csv; charset=utf-8", FileName(run, "frames.csv"))
        : UnknownRun(id);

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FramesJson(string id, RunService runs) => await runs.FindAnywhereAsync(id) is { } run
        ? TypedResults.File(JsonSerializer.SerializeToUtf8Bytes(Exported(run), ExportJson), "application/json", FileName(run, "frames.json"))
        : UnknownRun(id);

    static async Task<Results<Created<ShareLink>, ProblemHttpResult>> Share(string id, HttpRequest request, RunService runs, SharedRunStore shared)
    {
        if (await runs.FindAnywhereAsync(id) is not { } run) return UnknownRun(id);
        if (!Controls(request, run)) return NotYours(id, "share");
        if (run.State is RunState.Queued or RunState.Running || run.LastFrame is null)
            return TypedResults.Problem($"Run '{id}' has no finished result to share yet.", statusCode: StatusCodes.Status409Conflict, title: "Nothing to share yet");
        var saved = shared.Save(run);
        return TypedResults.Created(saved.Link, new ShareLink(saved.Id, saved.Link));
    }

    static async Task<Results<Accepted<RunSummary>, ProblemHttpResult>> Stop(string id, HttpRequest request, RunService runs)
    {
        if (await runs.FindAnywhereAsync(id) is not { } run) return UnknownRun(id);
        if (!Controls(request, run)) return NotYours(id, "stop");
        run.Cancel();
        return TypedResults.Accepted($"/api/runs/{id}", RunSummary.Of(run));
    }

    static bool Controls(HttpRequest request, RunHandle run) => run.IsControlledBy(request.Headers[ControlHeader].FirstOrDefault());

    static ProblemHttpResult NotYours(string id, string action) => TypedResults.Problem(
        $"Only the client that started run '{id}' may {action} it: send the {ControlHeader} header with the controlToken that POST /api/runs returned.",
        statusCode: StatusCodes.Status403Forbidden, title: "Not your run");

    static ProblemHttpResult CannotStart(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The run cannot start");

    // Every frame with the switches its iteration used; the schedule is read once for the whole export.
    static IEnumerable<ExportedFrame> Exported(RunHandle run)
    {
        var switchesAt = SwitchesAt(run);
        return run.History.Select(f => ExportedFrame.From(f, switchesAt?.Invoke(f.Iteration)));
    }

    // The switches each iteration used, for RP runs (the starting ones, then the schedule); null for the other methods.
    static Func<int, RpSwitches>? SwitchesAt(RunHandle run)
    {
        if (run.Request.Switches is not { } initial) return null;
        var schedule = run.Schedule;
        return iteration => SwitchChange.At(initial, schedule, iteration);
    }

    static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    // A download names the run: rp-<id>-<method>-<what>, e.g. rp-3f2a9c01d4e5-rp-overlay.png.
    static string FileName(RunHandle run, string what) => $"rp-{run.Id}-{run.Request.Method}-{what}";

    // The picture of the run's newest frame, kept by the run, the frame and the file (the last, clean frame has its own).
    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WithFrame(string id, HttpContext context, RunService runs, MapPictures pictures, string file, Func<RunHandle, Frame, byte[]> render)
    {
        if (await runs.FindAnywhereAsync(id) is not { } run) return UnknownRun(id);
        if (run.LastFrame is not { } frame)
            return TypedResults.Problem($"Run '{id}' has produced no frame yet.", statusCode: StatusCodes.Status409Conflict, title: "No mask yet");
        var key = $"run:{run.Id}:{frame.Iteration}:{frame.Clean}:{file}";
        var picture = await pictures.GetAsync(key, RunClient.ForRequest(context), () => render(run, frame), context.RequestAborted);
        return TypedResults.File(picture, MapImages.ContentType(file), FileName(run, file));
    }

    static ProblemHttpResult UnknownRun(string id) => TypedResults.Problem($"There is no run '{Core.UserText.Short(id)}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown run");
}
