using System.IO.Compression;
using RpPlayground.Core.Methods;
using RpPlayground.Runs;
using RpPlayground.Web.Runs;

namespace RpPlayground.Web.Samples;

/// <summary>
/// A gallery example's run as the engine made it: its definition and every frame, each map averaged down to at most
/// <see cref="MapSide"/> on a side and kept as bytes. Stored as gzipped JSON beside gallery.json; the gallery plays it at
/// once and a test checks it against a fresh run.
/// </summary>
/// <param name="Machine">The machine it was recorded on (<see cref="RpPlayground.Core.Torch.CpuKernels.Machine"/>); null in an older recording.</param>
public sealed record GalleryRecording(RunRequest Definition, IReadOnlyList<RecordedFrame> Frames, string? Machine = null)
{
    /// <summary>The largest side of a recorded map.</summary>
    public const int MapSide = 64;

    /// <summary>The largest side of a recorded picture (x_pt, x_rpt).</summary>
    public const int PictureSide = 64;

    /// <summary>The recording of a run's frames (its history, last frame included).</summary>
    public static GalleryRecording Of(RunRequest definition, IEnumerable<Frame> frames) =>
        new(definition, frames.Select(RecordedFrame.Of).ToArray(), RpPlayground.Core.Torch.CpuKernels.Machine);

    /// <summary>The frames as a page shows them.</summary>
    public Frame[] Replayed() => Frames.Select(f => f.ToFrame()).ToArray();

    public void Save(string path)
    {
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.SmallestSize);
        zip.Write(System.Text.Encoding.UTF8.GetBytes(RunJson.Write(this)));
    }

    /// <summary>The recording in <paramref name="path"/>; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static GalleryRecording Load(string path)
    {
        using var zip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(zip);
        var recording = RunJson.Read<GalleryRecording>(reader.ReadToEnd());
        if (recording.Frames.Count == 0 || recording.Frames.Any(f => f.Map.Length != f.Frame.MapWidth * f.Frame.MapHeight))
            throw new InvalidDataException($"{path}: a recording needs frames whose maps match their sizes.");
        return recording;
    }
}

/// <summary>
/// A frame without its map and pictures; the map (row-major, <c>Frame.MapWidth</c> x <c>Frame.MapHeight</c>) as bytes;
/// and, on the frames that carry them, the method's perturbed pictures at most <see cref="GalleryRecording.PictureSide"/>
/// a side as PNG files (x_pt, and x_rpt for RP).
/// </summary>
public sealed record RecordedFrame(Frame Frame, byte[] Map, byte[]? PerturbedPng = null, byte[]? ReversedPng = null)
{
    public static RecordedFrame Of(Frame frame)
    {
        var (map, width, height) = MapShrink.Average(frame.Map, frame.MapWidth, frame.MapHeight, GalleryRecording.MapSide);
        return new(frame with { Map = [], MapWidth = width, MapHeight = height, Pictures = null }, FrameMessage.Quantise(map),
            Png(frame.Pictures?.Perturbed), Png(frame.Pictures?.Reversed));
    }

    public Frame ToFrame() => Frame with
    {
        Map = Map.Select(b => b / 255f).ToArray(),
        Pictures = Picture(PerturbedPng) is { } perturbed ? new FramePictures(perturbed, Picture(ReversedPng)) : null,
    };

    static byte[]? Png(Core.Images.RgbPicture? picture)
    {
        if (picture?.Shrunk(GalleryRecording.PictureSide) is not { } small) return null;
        using var image = SixLabors.ImageSharp.Image.LoadPixelData<SixLabors.ImageSharp.PixelFormats.Rgb24>(small.Pixels, small.Width, small.Height);
        using var png = new MemoryStream();
        SixLabors.ImageSharp.ImageExtensions.SaveAsPng(image, png);
        return png.ToArray();
    }

    static Core.Images.RgbPicture? Picture(byte[]? png)
    {
        if (png is null) return null;
        using var image = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(png);
        var pixels = new byte[image.Width * image.Height * 3];
        image.CopyPixelDataTo(pixels);
        return new Core.Images.RgbPicture(image.Width, image.Height, pixels);
    }
}
