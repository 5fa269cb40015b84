using RpPlayground.Core;
using RpPlayground.Core.Images;
using RpPlayground.Web.Storage;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RpPlayground.Web.Samples;

/// <summary>Every image a run can use, by id: the shipped samples and the uploads.</summary>
public sealed class ImageLibrary(SampleCatalog samples, ImageStore uploads, ImageDecoder decoder) : RpPlayground.Runs.IRunImages
{
    /// <summary>Whether there is an image with this id.</summary>
    public bool Contains(string id) => samples.Find(id) is not null || uploads.Contains(id);

    /// <summary>The image decoded; throws <see cref="Core.InvalidRequestException"/> when there is none with this id.</summary>
    public Image<Rgb24> Decode(string id) =>
        samples.Find(id) is { } sample ? decoder.DecodeFile(sample.Path)
        : uploads.Decode(id) ?? throw new InvalidRequestException($"There is no image '{id}'.");

    /// <summary>Bytes of an image that a run carries with it (a worker's job), decoded and checked like an upload.</summary>
    public Image<Rgb24> Decode(byte[] bytes) => decoder.Decode(bytes);

    /// <summary>The image's file as stored (a sample's PNG or JPEG, an upload's PNG), or null.</summary>
    public byte[]? Bytes(string id) => samples.Find(id) is { } sample ? System.IO.File.ReadAllBytes(sample.Path) : uploads.Bytes(id);

    /// <summary>The image for the browser (a sample streamed from its file, an upload from the database) with its content type, or null.</summary>
    public (Stream Content, string ContentType)? File(string id)
    {
        if (samples.Find(id) is { } sample)
            return (System.IO.File.OpenRead(sample.Path), sample.Path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) ? "image/jpeg" : "image/png");
        return uploads.Bytes(id) is { } bytes ? (new MemoryStream(bytes, writable: false), ContentType(bytes)) : null;
    }

    static string ContentType(byte[] bytes) => Image.DetectFormat(bytes)?.DefaultMimeType ?? "application/octet-stream";
}
