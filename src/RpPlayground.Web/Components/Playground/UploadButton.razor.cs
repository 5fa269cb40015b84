using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using RpPlayground.Core.Images;
using RpPlayground.Web.Hosting;
using RpPlayground.Web.Runs;
using RpPlayground.Web.Storage;

namespace RpPlayground.Web.Components.Playground;

/// <summary>A keyboard-reachable upload button: the file goes through the image store's checks, and its id comes back.</summary>
public partial class UploadButton
{
    const string InputId = "rp-upload-input";
    string? error;

    [Inject]
    ImageStore Store { get; set; } = default!;

    [Inject]
    ImageLimits Limits { get; set; } = default!;

    [Inject]
    RunClient Client { get; set; } = default!;

    /// <summary>Raised with the stored image once an upload is accepted.</summary>
    [Parameter]
    public EventCallback<StoredImage> Uploaded { get; set; }

    /// <summary>Whether uploads are refused for now (a run is going).</summary>
    [Parameter]
    public bool Disabled { get; set; }

    async Task UploadAsync(InputFileChangeEventArgs e)
    {
        error = null;
        StoredImage stored;
        try
        {
            Client.CountUpload();
            if (e.File.Size > Limits.MaxBytes)
                throw new ImageRejectedException($"The file is {e.File.Size / 1024.0 / 1024:0.0} MB; the limit is {Limits.MaxBytes / 1024 / 1024} MB.");
            using var buffer = new MemoryStream();
            await using (var stream = e.File.OpenReadStream(Limits.MaxBytes))
                await stream.CopyToAsync(buffer);
            stored = Store.Add(buffer.ToArray());
        }
        catch (Exception rejected) when (rejected is Core.UserFacingException)
        {
            error = $"{e.File.Name}: {rejected.Message}";
            return;
        }
        catch (IOException io)
        {
            error = $"{e.File.Name} could not be read: {io.Message}";
            return;
        }
        await Uploaded.InvokeAsync(stored);
    }
}
