using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Core.Models;
using RpPlayground.Web.Runs;
using SixLabors.ImageSharp;

namespace RpPlayground.Web.Api;

/// <summary>The HTTP API for scripts: start a run, read its state and summary, fetch its mask, stop it. Errors are RFC 7807 problem details.</summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRunApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/runs");
        api.MapPost("", Create);
        api.MapGet("/{id}", (string id, RunService runs) => runs.Find(id) is { } run ? Results.Ok(Summary(run)) : UnknownRun(id));
        api.MapGet("/{id}/mask.png", Mask);
        api.MapDelete("/{id}", (string id, RunService runs) =>
        {
            if (runs.Find(id) is not { } run) return UnknownRun(id);
            run.Cancel();
            return Results.Accepted($"/api/runs/{id}", Summary(run));
        });
        return endpoints;
    }

    static IResult Create(RunCreation body, RunService runs, ModelCatalog catalog)
    {
        try
        {
            var entry = catalog.Find(body.Model);
            if (!entry.IsAvailable) return Results.Problem($"Model '{body.Model}' is not available: {entry.Problem}", statusCode: 400, title: "Model not available");
            var target = LabelLookup.Index(entry.ReadLabels(), body.Target, entry.Spec.Id);
            var rp = RpOptions.For(entry.Spec) with { Iterations = body.Iterations ?? new RpOptions().Iterations };
            var defaults = new RpSwitches();
            var switches = defaults with
            {
                NonTarget = body.NonTarget, ReversedMask = body.ReversedMask, NonTargetWeight = body.NonTargetWeight ?? defaults.NonTargetWeight,
                Area = body.Area ?? defaults.Area, Smoothness = body.Smoothness ?? defaults.Smoothness,
            };
            var settings = new MethodSettings { Rp = rp, Switches = switches, Substrate = rp.Substrate, Iterations = body.Method == "rp" ? null : body.Iterations };
            var run = runs.Start(new RunRequest(entry.Spec.Id, body.Sample, target, body.Method, settings, body.Seed));
            return Results.Accepted($"/api/runs/{run.Id}", Summary(run));
        }
        catch (Exception e) when (e is ArgumentException or UnknownModelException or UnknownLabelException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The run cannot start");
        }
        catch (InvalidOperationException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
        }
    }

    static IResult Mask(string id, RunService runs, ModelCatalog catalog)
    {
        if (runs.Find(id) is not { } run) return UnknownRun(id);
        if (run.LastFrame is not { } frame)
            return Results.Problem($"Run '{id}' has produced no frame yet.", statusCode: StatusCodes.Status409Conflict, title: "No mask yet");
        var size = catalog.Find(run.Request.ModelId).Spec.InputSize;
        using var image = HeatMap.Render(FrameMaps.Resized(frame, size), size, size);
        using var png = new MemoryStream();
        image.SaveAsPng(png);
        return Results.File(png.ToArray(), "image/png");
    }

    static object Summary(RunHandle run)
    {
        var frame = run.LastFrame;
        return new
        {
            id = run.Id, state = run.State.ToString(), queuePosition = run.QueuePosition, error = run.Error,
            model = run.Request.ModelId, sample = run.Request.SampleId, target = run.Request.Target, method = run.Request.Method, seed = run.Request.Seed,
            iteration = frame?.Iteration, iterations = frame?.Iterations, clean = frame?.Clean, elapsedMs = frame?.ElapsedMs,
            distortion = frame?.Distortion, classes = frame?.Classes, loss = frame?.Loss,
            mask = $"/api/runs/{run.Id}/mask.png",
        };
    }

    static IResult UnknownRun(string id) => Results.Problem($"There is no run '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown run");
}
