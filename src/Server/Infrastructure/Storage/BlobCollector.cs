using Microsoft.Extensions.Options;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>
/// Deletes blobs no record names, once they are older than the grace period. A record names a blob
/// by holding its SHA-256 anywhere in any field (defenses, attack images, job inputs, results and
/// artifacts alike), so a queued or running job's inputs are always kept, and a new kind of record
/// is covered without telling the collector. The decision runs inside the database's write lock, so
/// a record written concurrently is seen; it waits while a backup is being assembled.
/// </summary>
internal sealed partial class BlobCollector(
    ContestDatabase db,
    BlobStore blobs,
    StorageMaintenance maintenance,
    TimeProvider clock,
    IOptions<BlobCollectorOptions> options,
    ILogger<BlobCollector> logger) : BackgroundService
{
    /// <summary>One collection now; returns what it kept and deleted.</summary>
    public async Task<BlobCollection> CollectAsync(CancellationToken cancellationToken)
    {
        using var _ = await maintenance.EnterAsync(cancellationToken);
        var oldest = clock.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(options.Value.BlobGraceMinutes);
        var result = db.Write(() =>
        {
            var named = db.AllStrings().Where(Sha256Text.IsValid).ToHashSet(StringComparer.Ordinal);
            int kept = 0, young = 0, deleted = 0;
            foreach (var (sha256, _, written) in blobs.All().ToList())
            {
                if (named.Contains(sha256))
                    kept++;
                else if (written > oldest)
                    young++;
                else
                {
                    blobs.Delete(sha256);
                    deleted++;
                }
            }
            return new BlobCollection(kept, young, deleted);
        });
        LogCollected(logger, result.Deleted, result.Named, result.Young);
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.BlobCollectionIntervalMinutes);
        if (interval <= TimeSpan.Zero)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
                await CollectAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or LiteDB.LiteException)
            {
                LogFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 940, Level = LogLevel.Information, Message = "Blob collector: {Deleted} unnamed blobs deleted, {Named} named by records kept, {Young} unnamed but within the grace period kept")]
    private static partial void LogCollected(ILogger logger, int deleted, int named, int young);

    [LoggerMessage(EventId = 941, Level = LogLevel.Error, Message = "Blob collector failed (it tries again at its next run): {Failure}")]
    private static partial void LogFailed(ILogger logger, string failure);
}
