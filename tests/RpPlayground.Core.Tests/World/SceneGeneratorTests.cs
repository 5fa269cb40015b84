using RpPlayground.Core.World;

namespace RpPlayground.Core.Tests.World;

public sealed class SceneGeneratorTests
{
    readonly SceneGenerator generator = new();

    [Fact]
    public void TheSameSeedAndIndexGiveTheSameScene()
    {
        var a = generator.Generate(5, 3);
        var b = generator.Generate(5, 3);
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal(a.Objects.Select(o => (o.ClassIndex, o.CenterX, o.Scale)), b.Objects.Select(o => (o.ClassIndex, o.CenterX, o.Scale)));
        Assert.All(a.Objects.Zip(b.Objects), p => Assert.Equal(p.First.Mask, p.Second.Mask));
        Assert.NotEqual(a.Pixels, generator.Generate(5, 4).Pixels);
        Assert.NotEqual(a.Pixels, generator.Generate(6, 3).Pixels);
    }

    [Fact]
    public void EachObjectsMaskIsExactlyThePixelsItDrew()
    {
        var plane = generator.Size * generator.Size;
        for (var index = 0; index < 40; index++)
        {
            var clean = generator.GenerateClean(11, index);
            for (var k = 0; k < clean.Objects.Count; k++)
            {
                var flagged = generator.GenerateClean(11, index, k);
                for (var i = 0; i < plane; i++)
                {
                    var isFlag = flagged.Pixels[i] == 1f && flagged.Pixels[plane + i] == 0f && flagged.Pixels[2 * plane + i] == 1f;
                    Assert.True(isFlag == clean.Objects[k].Mask[i], $"scene {index}, object {k} ({clean.Objects[k].Label}), pixel {i}");
                    if (!isFlag)
                        Assert.Equal(clean.Pixels[i], flagged.Pixels[i]);
                }
            }
        }
    }

    [Fact]
    public void ScenesHoldOneToFourVisibleObjectsWithMatchingTargets()
    {
        for (var index = 0; index < 200; index++)
        {
            var scene = generator.Generate(2, index);
            Assert.InRange(scene.Objects.Count, 1, 4);
            Assert.All(scene.Objects, o => Assert.True(o.VisiblePixels > 30, $"{o.Label} shows {o.VisiblePixels} pixels"));
            var targets = scene.Targets();
            for (var c = 0; c < WorldClasses.Labels.Count; c++)
                Assert.Equal(scene.Objects.Any(o => o.ClassIndex == c) ? 1f : 0f, targets[c]);
        }
    }

    [Fact]
    public void ContextRulesShowInTheStatistics()
    {
        var scenes = Enumerable.Range(0, 2000).Select(i => generator.Generate(3, i)).ToArray();
        double Share(int cls, int background) =>
            scenes.Where(s => s.Background == background).Average(s => s.Objects.Any(o => o.ClassIndex == cls) ? 1.0 : 0.0);
        Assert.True(Share(WorldClasses.Sun, WorldClasses.Sky) > 3 * Share(WorldClasses.Sun, WorldClasses.Water));
        Assert.True(Share(WorldClasses.Boat, WorldClasses.Water) > 3 * Share(WorldClasses.Boat, WorldClasses.Grass));
        Assert.True(Share(WorldClasses.Tree, WorldClasses.Grass) > 3 * Share(WorldClasses.Tree, WorldClasses.Sand));

        var withBoat = scenes.Where(s => s.Objects.Any(o => o.ClassIndex == WorldClasses.Boat)).ToArray();
        var withoutBoat = scenes.Except(withBoat).ToArray();
        double FishShare(Scene[] set) => set.Average(s => s.Objects.Any(o => o.ClassIndex == WorldClasses.Fish) ? 1.0 : 0.0);
        Assert.True(FishShare(withBoat) > 1.5 * FishShare(withoutBoat), $"fish with a boat {FishShare(withBoat):P0}, without {FishShare(withoutBoat):P0}");
    }
}
