using Microsoft.Extensions.DependencyInjection;
using RpPlayground.Core.Models;
using RpPlayground.Web.Components.Playground;
using RpPlayground.Web.Samples;

namespace RpPlayground.Web.Tests;

/// <summary>Switching the model keeps the picture sensible: photos for the ImageNet model, scenes for the world model, uploads kept.</summary>
public sealed class SubjectChoiceTests(PlaygroundFactory factory) : IClassFixture<PlaygroundFactory>
{
    ModelCatalog Models => factory.Services.GetRequiredService<ModelCatalog>();

    SampleCatalog Samples => factory.Services.GetRequiredService<SampleCatalog>();

    [Fact]
    public void AnImageNetModelGetsAPhotoInsteadOfAWorldScene()
    {
        var subject = new RunSubject("world", "world/scene-0001", 2).WithModel("darknet-tiny", Models, Samples);
        Assert.Equal(("darknet-tiny", -1), (subject.ModelId, subject.Target));
        Assert.StartsWith("photos/", subject.ImageId);
        var back = new RunSubject("darknet-tiny", "photos/chelsea", 5).WithModel("world", Models, Samples);
        Assert.True(Samples.Find(back.ImageId)!.IsScene, $"{back.ImageId} is not a world scene");
    }

    [Fact]
    public void ASuitableSampleOrAnUploadStays()
    {
        Assert.Equal("photos/coffee", new RunSubject("world", "photos/coffee", 1).WithModel("darknet-tiny", Models, Samples).ImageId);
        Assert.Equal("upload/0011223344556677", new RunSubject("world", "upload/0011223344556677", 1).WithModel("darknet-tiny", Models, Samples).ImageId);
    }

    [Fact]
    public void PhotosComeFirstForImageNetModelsAndScenesForTheWorldModel()
    {
        Assert.StartsWith("photos/", Samples.For("onnx").First().Id);
        Assert.False(Samples.For("world").First().Id.StartsWith("photos/", StringComparison.Ordinal));
        Assert.Equal(Samples.Items.Count, Samples.For("onnx").Count());
    }
}
