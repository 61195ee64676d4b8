using Contest.Server.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace Contest.Server.Infrastructure.Backups;

/// <summary>
/// Copies the records (no blobs: they never change and stay in place) into &lt;data&gt;/backups once
/// the server has started on a database it read whole, and again at a clean shutdown; keeps the
/// newest <see cref="BackupOptions.BackupsToKeep"/>. <see cref="DatabaseRecovery"/> restores the
/// newest one when contest.db is damaged beyond LiteDB's rebuild.
/// </summary>
internal sealed partial class AutomaticBackups(
    BackupMaker maker,
    ContestDatabase db,
    TimeProvider clock,
    IOptions<BackupOptions> options,
    ILogger<AutomaticBackups> logger) : IHostedService
{
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken) => MakeAsync("start", cancellationToken);

    // A host stopped twice (stop, then dispose) copies once.
    public Task StopAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _stopped, 1) == 0 ? MakeAsync("shutdown", cancellationToken) : Task.CompletedTask;

    private async Task MakeAsync(string moment, CancellationToken cancellationToken)
    {
        var keep = options.Value.BackupsToKeep;
        if (keep <= 0)
            return;
        try
        {
            var path = BackupFolder.NewPath(db.DataDirectory, clock.GetUtcNow());
            await maker.WriteFileAsync(path, BackupKinds.Records, cancellationToken);
            var removed = BackupFolder.Prune(db.DataDirectory, keep);
            LogWritten(logger, moment, path, removed);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LiteDB.LiteException or ObjectDisposedException)
        {
            // A missing copy must not stop the server; it is said loudly.
            LogFailed(logger, moment, e.Message);
        }
    }

    [LoggerMessage(EventId = 930, Level = LogLevel.Information, Message = "Automatic backup at {Moment}: {Path} ({Removed} older removed)")]
    private static partial void LogWritten(ILogger logger, string moment, string path, int removed);

    [LoggerMessage(EventId = 931, Level = LogLevel.Error, Message = "Automatic backup at {Moment} failed: {Failure}")]
    private static partial void LogFailed(ILogger logger, string moment, string failure);
}
