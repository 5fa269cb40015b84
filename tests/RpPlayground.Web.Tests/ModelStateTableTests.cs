using Bunit;
using RpPlayground.Core.Models;
using RpPlayground.Runs.Remote;
using RpPlayground.Web.Components.Models;

namespace RpPlayground.Web.Tests;

public sealed class ModelStateTableTests : MudTestContext
{
    [Fact]
    public void AnUnavailableModelShowsWhy()
    {
        var entries = new[]
        {
            new ModelEntry(new ModelSpec { Id = "good", Name = "Good model" }, "/m.onnx", "/l.txt", null),
            new ModelEntry(new ModelSpec { Id = "gone" }, "/x.onnx", "/l.txt", "the weights file '/x.onnx' does not exist"),
        };
        var table = Render<ModelStateTable>(p => p.Add(t => t.Entries, entries).Add(t => t.DefaultId, "good"));

        var rows = table.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("default", rows[0].TextContent);
        Assert.Contains("unavailable", rows[1].TextContent);
        Assert.Contains("the weights file '/x.onnx' does not exist", rows[1].TextContent);
    }

    [Fact]
    public void OnAWebNodeEachModelSaysWhichWorkersRunIt()
    {
        var entries = new[]
        {
            new ModelEntry(new ModelSpec { Id = "world" }, "/w", "/l.txt", null),
            new ModelEntry(new ModelSpec { Id = "darknet-tiny" }, "/d", "/l.txt", null),
        };
        var workers = new[]
        {
            new WorkerBeat("gpu-1", ["world", "darknet-tiny"], "cuda:0", 3, DateTimeOffset.UtcNow),
            new WorkerBeat("cpu-1", ["world"], "cpu", 0, DateTimeOffset.UtcNow),
        };
        var table = Render<ModelStateTable>(p => p.Add(t => t.Entries, entries).Add(t => t.Workers, workers));
        Assert.Contains("2 workers", table.Find("[data-testid=workers-world]").TextContent);
        Assert.Contains("gpu-1: 3 running; cuda:0", table.Find("[data-testid=workers-darknet-tiny]").TextContent);
        Assert.DoesNotContain("cpu-1", table.Find("[data-testid=workers-darknet-tiny]").TextContent);

        var none = Render<ModelStateTable>(p => p.Add(t => t.Entries, entries).Add(t => t.Workers, workers[1..]));
        Assert.Contains("no worker", none.Find("[data-testid=workers-darknet-tiny]").TextContent);
        Assert.Empty(Render<ModelStateTable>(p => p.Add(t => t.Entries, entries)).FindAll("[data-testid^=workers-]"));  // in-process: no column
    }
}
