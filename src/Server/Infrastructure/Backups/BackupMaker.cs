using Contest.Server.Infrastructure.Storage;

namespace Contest.Server.Infrastructure.Backups;

/// <summary>
/// Makes a consistent copy of a running server: inside the database's write lock (no write
/// interleaves) it checkpoints, copies contest.db and notes every blob the records name; then it
/// packs that copy, those blobs (immutable, so copying them later is safe while the collector waits),
/// organizer.key and the dataset's private seed. The generated dataset images are left out: the
/// server regenerates them from the public and private seeds.
/// </summary>
internal sealed partial class BackupMaker(
    ContestDatabase db,
    BlobStore blobs,
    StorageMaintenance maintenance,
    TimeProvider clock,
    ILogger<BackupMaker> logger)
{
    /// <summary>Writes an archive of <paramref name="kind"/> to <paramref name="output"/>; returns its manifest's counts.</summary>
    public async Task<BackupSummary> WriteAsync(Stream output, string kind, CancellationToken cancellationToken)
    {
        using var _ = await maintenance.EnterAsync(cancellationToken);
        var temp = Path.Combine(db.DataDirectory, "tmp", $"backup-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        try
        {
            var paused = System.Diagnostics.Stopwatch.StartNew();
            var (records, named, at) = db.Quiesced(() =>
            {
                File.Copy(Path.Combine(db.DataDirectory, ContestDatabase.FileName), temp);
                var names = db.AllStrings().Where(Sha256Text.IsValid).ToHashSet(StringComparer.Ordinal);
                return (db.Counts(), names, clock.GetUtcNow());
            });
            paused.Stop();
            var stored = named.Where(blobs.Exists).Order(StringComparer.Ordinal).ToList();
            await using (var archive = new BackupArchiveWriter(output))
            {
                await archive.AddAsync(BackupPaths.Database, temp, cancellationToken);
                await AddIfPresentAsync(archive, BackupPaths.OrganizerKey, cancellationToken);
                await AddIfPresentAsync(archive, BackupPaths.EligibilitySeed, cancellationToken);
                if (kind == BackupKinds.Full)
                {
                    foreach (var sha256 in stored)
                        await archive.AddAsync(BackupPaths.Blob(sha256), blobs.PathOf(sha256), cancellationToken, knownSha256: sha256);
                }
                await archive.FinishAsync(at, kind, records, cancellationToken);
            }
            var summary = new BackupSummary(at, kind, records.Values.Sum(), kind == BackupKinds.Full ? stored.Count : 0);
            LogMade(logger, kind, summary.Records, summary.Blobs, paused.Elapsed.TotalMilliseconds);
            return summary;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Writes an archive of <paramref name="kind"/> to the file <paramref name="path"/> (via a temporary file; all or nothing).</summary>
    public async Task<BackupSummary> WriteFileAsync(string path, string kind, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        try
        {
            BackupSummary summary;
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                summary = await WriteAsync(file, kind, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
            return summary;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task AddIfPresentAsync(BackupArchiveWriter archive, string path, CancellationToken cancellationToken)
    {
        var source = Path.Combine(db.DataDirectory, path.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(source))
            await archive.AddAsync(path, source, cancellationToken);
    }

    [LoggerMessage(EventId = 920, Level = LogLevel.Information, Message = "Backup made ({Kind}): {Records} records, {Blobs} blobs; writes waited {PausedMs:F0} ms for the copy")]
    private static partial void LogMade(ILogger logger, string kind, int records, int blobs, double pausedMs);
}
