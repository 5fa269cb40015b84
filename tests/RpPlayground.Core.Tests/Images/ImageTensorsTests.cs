using RpPlayground.Core.Images;
using SixLabors.ImageSharp.PixelFormats;
using static TorchSharp.torch;

namespace RpPlayground.Core.Tests.Images;

public sealed class ImageTensorsTests
{
    [Fact]
    public void PixelsBecomeChannelPlanesInTheUnitRangeAndBack()
    {
        using var image = new SixLabors.ImageSharp.Image<Rgb24>(3, 2);
        image[2, 1] = new Rgb24(255, 51, 0);
        using var scope = NewDisposeScope();
        var pixels = ImageTensors.ToTensor(image);
        Assert.Equal([1L, 3, 2, 3], pixels.shape);
        Assert.Equal(1f, pixels[0, 0, 1, 2].item<float>());
        Assert.Equal(0.2f, pixels[0, 1, 1, 2].item<float>(), 6);
        Assert.Equal(0f, pixels[0, 2, 1, 2].item<float>());
        Assert.Equal(0f, pixels.sum().item<float>() - 1.2f, 5);

        using var back = ImageTensors.ToImage(pixels);
        Assert.Equal(new Rgb24(255, 51, 0), back[2, 1]);
        Assert.Equal(new Rgb24(0, 0, 0), back[0, 0]);
    }

    [Fact]
    public void ValuesOutsideTheUnitRangeAreClampedWhenSaved()
    {
        using var scope = NewDisposeScope();
        using var image = ImageTensors.ToImage(tensor(new float[] { -1f, 2f, 0.5f }, new long[] { 3, 1, 1 }));
        Assert.Equal(new Rgb24(0, 255, 128), image[0, 0]);
    }
}
