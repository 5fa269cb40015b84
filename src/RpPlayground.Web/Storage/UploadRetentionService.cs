namespace RpPlayground.Web.Storage;

/// <summary>
/// Deletes expired uploads in the background: every <see cref="StorageOptions.CleanupIntervalMinutes"/>, the uploads
/// older than <see cref="StorageOptions.UploadRetentionDays"/> that no shared run uses. Shared runs keep theirs.
/// </summary>
public sealed class UploadRetentionService(ImageStore store, StorageOptions options, TimeProvider clock, ILogger<UploadRetentionService> logger) : BackgroundService
{
    /// <summary>Raised after each clean-up with the number of uploads deleted (for monitoring and tests).</summary>
    public event Action<int>? Cleaned;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.CleanupIntervalMinutes)), clock);
        do
        {
            try
            {
                var removed = store.RemoveOlderThan(TimeSpan.FromDays(options.UploadRetentionDays));
                if (removed > 0) logger.LogInformation("Deleted {Count} upload(s) older than {Days} days", removed, options.UploadRetentionDays);
                Cleaned?.Invoke(removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Cleaning up expired uploads failed; trying again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
