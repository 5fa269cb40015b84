using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Runs;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Api;

/// <summary>The HTTP API for scripts: start a run, read its state and summary, fetch its mask, overlay and figure, export its frames, share it, stop it. Errors are RFC 7807 problem details.</summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/runs");
        api.MapPost("", Create).WithMetadata(BodyLimit.Json).RequireRateLimiting(RateLimiting.RunStarts);
        api.MapGet("/{id}", async Task<Results<Ok<RunSummary>, ProblemHttpResult>> (string id, RunService runs) =>
            await runs.FindAnywhereAsync(id) is { } run ? TypedResults.Ok(RunSummary.Of(run)) : UnknownRun(id));
        api.MapGet("/{id}/mask.png", (string id, HttpContext context, RunService runs, ModelCatalog catalog, MapPictures pictures) =>
            WithFrame(id, context, runs, pictures, "mask.png", (run, frame) => MapImages.MaskPng(frame, catalog.Find(run.Request.ModelId).Spec.InputSize)));
        api.MapGet("/{id}/overlay.png", (string id, HttpContext context, RunService runs, MapPictures pictures) =>
            WithFrame(id, context, runs, pictures, "overlay.png", (run, frame) =>
            {
                using var picture = pictures.Picture(run.Request.SampleId);
                return MapImages.OverlayPng(frame, picture);
            }));
        api.MapGet("/{id}/figure.svg", (string id, HttpContext context, RunService runs, ModelCatalog catalog, MapPictures pictures) =>
            WithFrame(id, context, runs, pictures, "figure.svg", (run, frame) =>
            {
                using var picture = pictures.Picture(run.Request.SampleId);
                return MapImages.FigureSvg(frame, picture, catalog, run.Request, run.Schedule);
            }));
        api.MapGet("/{id}/frames.csv", async (string id, RunService runs) => await runs.FindAnywhereAsync(id) is { } run
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(FrameExport.Csv(run.History, SwitchesAt(run))), "text/csv; charset=utf-8", FileName(run, "frames.csv")) : UnknownRun(id));
        api.MapGet("/{id}/frames.json", async (string id, RunService runs) => await runs.FindAnywhereAsync(id) is { } run
            ? Results.File(JsonSerializer.SerializeToUtf8Bytes(Exported(run), ExportJson), "application/json", FileName(run, "frames.json")) : UnknownRun(id));
        api.MapPost("/{id}/share", async Task<Results<Created<ShareLink>, ProblemHttpResult>> (string id, HttpRequest request, RunService runs, SharedRunStore shared) =>
        {
            if (await runs.FindAnywhereAsync(id) is not { } run) return UnknownRun(id);
            if (!Controls(request, run)) return NotYours(id, "share");
            if (run.State is RunState.Queued or RunState.Running || run.LastFrame is null)
                return TypedResults.Problem($"Run '{id}' has no finished result to share yet.", statusCode: StatusCodes.Status409Conflict, title: "Nothing to share yet");
            var saved = shared.Save(run);
            return TypedResults.Created(saved.Link, new ShareLink(saved.Id, saved.Link));
        });
        api.MapDelete("/{id}", async Task<Results<Accepted<RunSummary>, ProblemHttpResult>> (string id, HttpRequest request, RunService runs) =>
        {
            if (await runs.FindAnywhereAsync(id) is not { } run) return UnknownRun(id);
            if (!Controls(request, run)) return NotYours(id, "stop");
            run.Cancel();
            return TypedResults.Accepted($"/api/runs/{id}", RunSummary.Of(run));
        });
        return endpoints;
    }

    /// <summary>The header that carries a run's control token, returned once (as <c>controlToken</c>) by <c>POST /api/runs</c>.</summary>
    public const string ControlHeader = "X-Run-Control";

    static bool Controls(HttpRequest request, RunHandle run) => run.IsControlledBy(request.Headers[ControlHeader].FirstOrDefault());

    static ProblemHttpResult NotYours(string id, string action) => TypedResults.Problem(
        $"Only the client that started run '{id}' may {action} it: send the {ControlHeader} header with the controlToken that POST /api/runs returned.",
        statusCode: StatusCodes.Status403Forbidden, title: "Not your run");

    static async Task<Results<Accepted<RunSummary>, ProblemHttpResult>> Create(RunCreation body, HttpContext context, RunService runs, ModelCatalog catalog)
    {
        if (body.NullField() is { } missing)
            return CannotStart($"The field '{missing}' is null; give it a value or leave it out.");
        if (body.LongestField() is { } tooLong)
            return CannotStart($"The field '{tooLong}' is longer than {RunCreation.MaxFieldLength} characters.");
        if (body.Schedule is { Count: > RunCreation.MaxScheduleLength })
            return CannotStart($"A schedule holds at most {RunCreation.MaxScheduleLength} switch changes.");
        try
        {
            var entry = catalog.Find(body.Model);
            if (!entry.IsAvailable) return TypedResults.Problem($"Model '{body.Model}' is not available: {entry.Problem}", statusCode: StatusCodes.Status400BadRequest, title: "Model not available");
            var labels = entry.ReadLabels();
            var target = LabelLookup.Index(labels, body.Target, entry.Spec.Id);
            var defaults = new RpSwitches();
            var switches = defaults with
            {
                NonTarget = body.NonTarget, ReversedMask = body.ReversedMask, NonTargetWeight = body.NonTargetWeight ?? defaults.NonTargetWeight,
                Area = body.Area ?? defaults.Area, Smoothness = body.Smoothness ?? defaults.Smoothness,
            };
            var definition = new MethodDefinition { Method = body.Method, Steps = body.Iterations, Switches = switches, EpPreset = body.EpPreset, CamLayer = body.GradCamLayer };
            var (method, settings) = definition.Settle(entry.Spec, labels.Length);
            var run = await runs.StartAsync(new RunRequest(entry.Spec.Id, body.Sample, target, method.Id, settings, body.Seed) { Schedule = body.Schedule ?? [] }, RunClient.ForRequest(context), context.RequestAborted);
            return TypedResults.Accepted($"/api/runs/{run.Id}", RunSummary.Of(run, controlToken: run.ControlToken));
        }
        catch (Exception e) when (UserFailure.StatusOf(e) is { } status)
        {
            if (ApiExceptionHandler.RetryAfter(e) is { } wait)
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var title = status switch { StatusCodes.Status429TooManyRequests => "Too many runs", StatusCodes.Status503ServiceUnavailable => "Busy", _ => "The run cannot start" };
            return TypedResults.Problem(e.Message, statusCode: status, title: title);
        }
    }

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
        if (!run.Control.HasSwitches) return null;
        var schedule = run.Schedule;
        return iteration => SwitchChange.At(run.Request.Settings.Switches, schedule, iteration);
    }

    static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    // A download names the run: rp-<id>-<method>-<what>, e.g. rp-3f2a9c01d4e5-rp-overlay.png.
    static string FileName(RunHandle run, string what) => $"rp-{run.Id}-{run.Request.Method}-{what}";

    // The picture of the run's newest frame, kept by the run, the frame and the file (the last, clean frame has its own).
    static async Task<IResult> WithFrame(string id, HttpContext context, RunService runs, MapPictures pictures, string file, Func<RunHandle, Frame, byte[]> render)
    {
        if (await runs.FindAnywhereAsync(id) is not { } run) return UnknownRun(id);
        if (run.LastFrame is not { } frame)
            return Results.Problem($"Run '{id}' has produced no frame yet.", statusCode: StatusCodes.Status409Conflict, title: "No mask yet");
        var key = $"run:{run.Id}:{frame.Iteration}:{frame.Clean}:{file}";
        var picture = await pictures.GetAsync(key, RunClient.ForRequest(context), () => render(run, frame), context.RequestAborted);
        return Results.File(picture, MapImages.ContentType(file), FileName(run, file));
    }

    static ProblemHttpResult UnknownRun(string id) => TypedResults.Problem($"There is no run '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown run");
}
