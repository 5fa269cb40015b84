using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Methods.RobustPerturbation;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Tests;

/// <summary>
/// A presenter's switch changes travel with the run: a script client with the control token flips the non-target term
/// over the hub, the run's state and the shared run carry the schedule, and replaying the shared definition gives the
/// same result.
/// </summary>
public sealed class SwitchScheduleTests
{
    static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FlippedOffAndOnOverTheHubSharedAndReplayedGivesTheSameMapAndScores()
    {
        using var factory = PlaygroundFactory.With(("Runs:FramesPerSecond", "60"));
        using var client = factory.CreateClient();
        var runs = factory.Services.GetRequiredService<RunService>();
        var start = await (await client.PostAsJsonAsync("/api/runs", new { model = "world", sample = "world/scene-0002", target = "0", iterations = 300, seed = 4 }, Token))
            .Content.ReadFromJsonAsync<JsonElement>(Token);
        var (id, control) = (start.GetProperty("id").GetString()!, start.GetProperty("controlToken").GetString()!);
        var run = runs.Find(id)!;

        await using var hub = factory.RunHub();
        await hub.StartAsync(Token);
        var stranger = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SetSwitches", id, "0123456789abcdef0123456789abcdef", new RpSwitches { NonTarget = false }, Token));
        Assert.Contains("Only the client that started run", stranger.Message);
        var invalid = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SetSwitches", id, control, new RpSwitches { Area = -5 }, Token));
        Assert.Contains("must be between 0 and 1000", invalid.Message);

        // Off once the run is past iteration 10, on again 20 iterations after that took effect: whatever iterations the
        // changes land on are recorded (the run has 300, so it is still going however slowly this machine runs).
        await foreach (var frame in hub.StreamAsync<FrameMessage>("Frames", id, Token))
        {
            if (frame.Iteration >= 10 && run.Schedule.Count == 0 && run.Control.CurrentSwitches!.NonTarget)
                await hub.InvokeAsync("SetSwitches", id, control, new RpSwitches { NonTarget = false }, Token);
            if (run.Schedule.Count == 1 && frame.Iteration >= run.Schedule[0].Iteration + 20 && !run.Control.CurrentSwitches!.NonTarget)
                await hub.InvokeAsync("SetSwitches", id, control, new RpSwitches(), Token);
        }
        await run.Finished.WaitAsync(Token);
        Assert.Equal(RunState.Completed, run.State);
        Assert.Equal([false, true], run.Schedule.Select(c => c.Switches.NonTarget));
        var state = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}", Token);
        Assert.Equal(2, state.GetProperty("schedule").GetArrayLength());
        // The export says which switches each iteration used.
        var (off, on) = (run.Schedule[0].Iteration, run.Schedule[1].Iteration);
        var frames = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{id}/frames.json", Token);
        bool NonTargetAt(int iteration) => frames.EnumerateArray().First(f => f.GetProperty("iteration").GetInt32() == iteration)
            .GetProperty("switches").GetProperty("nonTarget").GetBoolean();
        Assert.Equal((true, false, false, true), (NonTargetAt(off - 1), NonTargetAt(off), NonTargetAt(on - 1), NonTargetAt(on)));
        var csv = (await client.GetStringAsync($"/api/runs/{id}/frames.csv", Token)).Split('\n');
        Assert.EndsWith("non_target,non_target_weight,reversed_mask", csv[0].TrimEnd());
        Assert.EndsWith(",0,1,1", csv[off].TrimEnd());  // row `off` is iteration `off` (row 0 is the header)

        var shareResponse = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/runs/{id}/share") { Headers = { { "X-Run-Control", control } } }, Token);
        Assert.Equal(HttpStatusCode.Created, shareResponse.StatusCode);
        var sharedId = (await shareResponse.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("id").GetString()!;
        var shared = factory.Services.GetRequiredService<SharedRunStore>().Find(sharedId)!;
        Assert.Equal(run.Schedule, shared.Definition.Schedule);

        using var replay = await runs.StartAsync(shared.Definition, "tab:replay", TestContext.Current.CancellationToken);
        await replay.Finished.WaitAsync(Token);
        using var plain = await runs.StartAsync(shared.Definition with { Schedule = [] }, "tab:plain", TestContext.Current.CancellationToken);
        await plain.Finished.WaitAsync(Token);

        var (original, replayed, unscheduled) = (run.LastFrame!, replay.LastFrame!, plain.LastFrame!);
        Assert.True(original.Clean && replayed.Clean);
        Assert.True(Largest(original.Map, replayed.Map) <= 1e-6, $"the replay's map differs by {Largest(original.Map, replayed.Map):G3}");
        Assert.Equal(original.Distortion!.Code, replayed.Distortion!.Code, 1e-6);
        Assert.Equal(run.Schedule, replay.Schedule);
        Assert.True(Largest(original.Map, unscheduled.Map) > 1e-3, "without the schedule the run came out the same: the test shows nothing");
    }

    static double Largest(float[] a, float[] b) => a.Zip(b, (p, q) => Math.Abs(p - q)).Max();
}
