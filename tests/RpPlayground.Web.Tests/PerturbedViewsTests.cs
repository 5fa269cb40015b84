using Bunit;
using RpPlayground.Core.Images;
using RpPlayground.Core.Methods;
using RpPlayground.Web.Components.Playground;

namespace RpPlayground.Web.Tests;

/// <summary>
/// The playground's perturbed pictures follow the method: the canvases it shows are the pictures its descriptor
/// promises (none for RISE, Grad-CAM and gradients; x_pt for MP and EP; x_pt and x_rpt for RP), with captions that say
/// which way the target should go, and what it paints is the frame's pictures byte for byte (never remade in the browser).
/// </summary>
public sealed class PerturbedViewsTests : MudTestContext
{
    public static TheoryData<string> Methods => new(MethodCatalog.Ids);

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task ThePicturesShownAreTheMethodsOwnOrNone(string id)
    {
        var method = MethodCatalog.Get(id);
        var module = JSInterop.SetupModule("./Components/Playground/PerturbedViews.razor.js");
        module.SetupVoid("draw", _ => true).SetVoidResult();
        var views = Render<PerturbedViews>(p => p.Add(v => v.Method, method));

        Assert.Equal(method.Pictures == PerturbedPictures.None, Hidden(views, "x-pt"));
        Assert.Equal(method.Pictures != PerturbedPictures.PerturbedAndReversed, Hidden(views, "x-rpt"));
        var caption = views.Find("[data-testid=x-pt]").ParentElement!.TextContent;
        Assert.Contains(method.Map == MapMeaning.Kept ? "target should stay" : "target should drop", caption);

        var pictures = new FramePictures(Picture(3), method.Pictures == PerturbedPictures.PerturbedAndReversed ? Picture(7) : null);
        await views.InvokeAsync(() => views.Instance.DrawAsync("samples/image/world/scene-0001", pictures));

        var drawn = module.VerifyInvoke("draw").Arguments[4]!;
        Assert.Equal(pictures.Perturbed.Pixels, Pixels(drawn, "perturbed"));
        Assert.Equal(pictures.Reversed?.Pixels, Pixels(drawn, "reversed"));
    }

    [Fact]
    public void ThePresenterViewShowsXptAloneForRp()
    {
        JSInterop.SetupModule("./Components/Playground/PerturbedViews.razor.js");
        var views = Render<PerturbedViews>(p => p.Add(v => v.Method, MethodCatalog.Get("rp")).Add(v => v.Shown, PictureSet.PerturbedOnly));
        Assert.False(Hidden(views, "x-pt"));
        Assert.True(Hidden(views, "x-rpt"));
    }

    static bool Hidden(IRenderedComponent<PerturbedViews> views, string canvas) => views.Find($"[data-testid={canvas}]").ParentElement!.HasAttribute("hidden");

    static RgbPicture Picture(byte seed) => new(4, 2, Enumerable.Range(0, 24).Select(i => (byte)(seed * i)).ToArray());

    // The bytes of one picture in what the component sent to the browser (an anonymous object), or null.
    static byte[]? Pixels(object drawn, string which) =>
        drawn.GetType().GetProperty(which)!.GetValue(drawn) is { } picture ? (byte[])picture.GetType().GetProperty("pixels")!.GetValue(picture)! : null;
}
