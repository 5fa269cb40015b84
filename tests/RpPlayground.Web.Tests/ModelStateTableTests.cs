using Bunit;
using RpPlayground.Core.Models;
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
}
