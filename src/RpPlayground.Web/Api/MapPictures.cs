using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using RpPlayground.Core.Torch;
using RpPlayground.Runs;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Samples;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace RpPlayground.Web.Api;

/// <summary>
/// The API's pictures of maps (mask.png, overlay.png, figure.svg), drawn from a frame the run or the shared run
/// already holds. Nothing here touches LibTorch or a run thread, so no stream of requests can hold a run up: a
/// picture is drawn on the request's thread, one drawing at a time for the whole site, and kept (by the run, its
/// frame and the file) for whoever asks next, so a finished run's picture is drawn once. Only a drawing counts against
/// the asking client's <see cref="RateLimitOptions.DrawingsPerMinute"/>; a kept picture costs a copy. The picture under
/// an overlay is decoded once per image and kept at its export size.
/// </summary>
public sealed class MapPictures(ImageLibrary images, RateLimitOptions limits) : IDisposable
{
    /// <summary>How many requests may wait for the one drawing slot before the site answers busy.</summary>
    public const int MaxWaiting = 32;

    readonly MemoryCache kept = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024 });
    readonly SemaphoreSlim drawing = new(1, 1);
    readonly PartitionedRateLimiter<string> drawings = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.DrawingsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        }));
    int waiting;

    /// <summary>How many pictures have been drawn (not served from what was kept) since the site started.</summary>
    public long Drawn => Interlocked.Read(ref drawn);

    long drawn;

    /// <summary>
    /// The picture kept under <paramref name="key"/>, or <paramref name="draw"/>'s, drawn now for <paramref name="client"/>
    /// and kept. Throws <see cref="TooManyRequestsException"/> when the client has drawn its share this minute and
    /// <see cref="QueueFullException"/> when too many drawings wait.
    /// </summary>
    public async Task<byte[]> GetAsync(string key, string client, Func<byte[]> draw, CancellationToken cancellation)
    {
        if (kept.TryGetValue(key, out byte[]? picture)) return picture!;
        Count(client);
        if (Interlocked.Increment(ref waiting) > MaxWaiting)
        {
            Interlocked.Decrement(ref waiting);
            throw new QueueFullException("The server is drawing many pictures; try again in a moment.");
        }
        try
        {
            await drawing.WaitAsync(cancellation);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
        try
        {
            if (kept.TryGetValue(key, out picture)) return picture!;  // drawn while this request waited
            picture = draw();
            Interlocked.Increment(ref drawn);
            kept.Set(key, picture, new MemoryCacheEntryOptions { Size = picture.Length, SlidingExpiration = TimeSpan.FromMinutes(10) });
            return picture;
        }
        finally
        {
            drawing.Release();
        }
    }

    /// <summary>The image <paramref name="imageId"/> at the export size (its own shape, <see cref="MapImages.ExportSide"/> on its longer side); call while drawing.</summary>
    public Image<Rgb24> Picture(string imageId)
    {
        if (!kept.TryGetValue(("picture", imageId), out (Rgb24[] Pixels, int Width, int Height) picture))
        {
            using var decoded = images.Decode(imageId);
            var large = (long)decoded.Width * decoded.Height >= NativeHeap.LargePicture;
            var (width, height) = MapImages.ExportSize(decoded.Width, decoded.Height);
            decoded.Mutate(x => x.Resize(width, height));
            var pixels = new Rgb24[width * height];
            decoded.CopyPixelDataTo(pixels);
            decoded.Dispose();
            if (large) NativeHeap.ReturnFree();
            picture = (pixels, width, height);
            kept.Set(("picture", imageId), picture, new MemoryCacheEntryOptions { Size = pixels.Length * 3L, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }
        return Image.LoadPixelData(picture.Pixels.AsSpan(), picture.Width, picture.Height);
    }

    void Count(string client)
    {
        using var lease = drawings.AttemptAcquire(client);
        if (lease.IsAcquired) return;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        throw new TooManyRequestsException(
            $"Too many new pictures drawn for this client (at most {limits.DrawingsPerMinute} a minute); try again in {(int)Math.Ceiling(wait.TotalSeconds)} s.", wait);
    }

    public void Dispose()
    {
        kept.Dispose();
        drawing.Dispose();
        drawings.Dispose();
    }
}
