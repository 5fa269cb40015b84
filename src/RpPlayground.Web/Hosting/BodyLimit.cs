using Microsoft.AspNetCore.Http.Metadata;

namespace RpPlayground.Web.Hosting;

/// <summary>An endpoint's request-body limit in bytes, applied by the routing middleware before the body is read (over it: 413).</summary>
public sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata
{
    /// <summary>A run definition or a switch change is a few hundred bytes; 64 KB leaves room and keeps huge strings out.</summary>
    public static BodyLimit Json { get; } = new(64 * 1024);
}
