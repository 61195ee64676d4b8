using System.Globalization;
using Contest.Server.Infrastructure.Backups;
using LiteDB;
using LiteDB.Engine;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>
/// Opens contest.db after reading all of it. A damaged file is said so, kept aside
/// (contest.db.damaged-&lt;utc&gt; and its -log), and recovered: LiteDB's rebuild on a copy, which
/// keeps every record it can still read, or else the newest backup in &lt;data&gt;/backups. It never
/// starts empty in place of a database it could not read: with nothing to recover from, it refuses
/// (<see cref="DatabaseUnrecoverableException"/>) and says what to do.
/// </summary>
internal sealed partial class DatabaseRecovery(string dataDirectory, ILogger logger, TimeProvider clock)
{
    // Where LiteDB's rebuild lists what it could not read.
    private const string RebuildErrors = "_rebuild_errors";

    private readonly string _path = Path.Combine(dataDirectory, ContestDatabase.FileName);

    public LiteDatabase Open()
    {
        if (!File.Exists(_path) && File.Exists(Path.Combine(dataDirectory, "organizer.key")))
        {
            // A contest ran here (its key is here) but its records are gone: an empty start would lose them silently.
            LogMissing(logger, _path);
            return RestoreNewestBackup(damagedCopy: null)
                ?? throw new DatabaseUnrecoverableException(
                    $"{_path} is missing, although this data directory holds a contest (organizer.key is there), and " +
                    $"{BackupFolder.Describe(dataDirectory)}. Restore a backup (Contest.Server --restore FILE --data-dir EMPTY_DIR), " +
                    "or, to start a new contest here on purpose, move organizer.key away.");
        }

        string failure;
        try
        {
            return OpenAndRead(_path, autoRebuild: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = e.Message;
        }

        LogDamaged(logger, _path, failure);
        var damaged = MoveAside();
        LogKeptDamaged(logger, damaged);
        return Rebuild(damaged)
            ?? RestoreNewestBackup(damaged)
            ?? throw new DatabaseUnrecoverableException(
                $"{_path} is damaged ({failure}); LiteDB's rebuild could not recover it and {BackupFolder.Describe(dataDirectory)}. " +
                $"The damaged file is kept as {damaged}. Restore a backup made with 'contest admin backup' " +
                "(Contest.Server --restore FILE --data-dir EMPTY_DIR) and start the server on that directory.");
    }

    private static LiteDatabase OpenAndRead(string path, bool autoRebuild)
    {
        var db = DatabaseFile.Open(path, autoRebuild);
        try
        {
            DatabaseFile.ReadEverything(db);
            return db;
        }
        catch
        {
            DisposeQuietly(db);
            throw;
        }
    }

    private string MoveAside()
    {
        var stamp = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var damaged = $"{_path}.damaged-{stamp}";
        File.Move(_path, damaged, overwrite: true);
        var log = DatabaseFile.LogOf(_path);
        if (File.Exists(log))
            File.Move(log, damaged + "-log", overwrite: true);
        return damaged;
    }

    private LiteDatabase? Rebuild(string damaged)
    {
        try
        {
            File.Copy(damaged, _path, overwrite: true);
            if (File.Exists(damaged + "-log"))
                File.Copy(damaged + "-log", DatabaseFile.LogOf(_path), overwrite: true);
            var db = OpenForRebuild();
            try
            {
                var options = new RebuildOptions { IncludeErrorReport = true };
                db.Rebuild(options);
                var counts = DatabaseFile.ReadEverything(db);
                var errors = counts.GetValueOrDefault(RebuildErrors);
                LogRebuilt(logger, counts.Values.Sum() - errors, errors, string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}")));
                DeleteRebuildLeftovers();
                return db;
            }
            catch
            {
                DisposeQuietly(db);
                throw;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRebuildFailed(logger, e.Message);
            DeleteQuietly(_path);
            DeleteQuietly(DatabaseFile.LogOf(_path));
            return null;
        }
    }

    // The header of a badly damaged file can make the first open fail; LiteDB then marks it invalid
    // and rebuilds it on the next open (AutoRebuild).
    private LiteDatabase OpenForRebuild()
    {
        try
        {
            return DatabaseFile.Open(_path, autoRebuild: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRetryingOpen(logger, e.Message);
            return DatabaseFile.Open(_path, autoRebuild: true);
        }
    }

    private LiteDatabase? RestoreNewestBackup(string? damagedCopy)
    {
        foreach (var backup in BackupFolder.Newest(dataDirectory))
        {
            try
            {
                var manifest = BackupArchiveReader.ExtractDatabase(backup, _path);
                var db = OpenAndRead(_path, autoRebuild: false);
                LogRestoredFromBackup(logger, backup, manifest.CreatedAt, damagedCopy ?? "(none)");
                return db;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogBackupUnusable(logger, backup, e.Message);
                DeleteQuietly(_path);
                DeleteQuietly(DatabaseFile.LogOf(_path));
            }
        }
        return null;
    }

    private void DeleteRebuildLeftovers()
    {
        // LiteDB keeps the file it rebuilt from as contest-backup*.db; the damaged copy already holds it.
        foreach (var leftover in Directory.EnumerateFiles(dataDirectory, Path.GetFileNameWithoutExtension(_path) + "-backup*"))
            DeleteQuietly(leftover);
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover file changes nothing that follows.
        }
    }

    private static void DisposeQuietly(LiteDatabase db)
    {
        try
        {
            db.Dispose();
        }
        catch (Exception e) when (e is LiteException or IOException)
        {
            // Closing a damaged file can fail again; it is being given up anyway.
        }
    }

    [LoggerMessage(EventId = 901, Level = LogLevel.Critical, Message = "The database {Path} is damaged: {Failure}. Recovering it.")]
    private static partial void LogDamaged(ILogger logger, string path, string failure);

    [LoggerMessage(EventId = 902, Level = LogLevel.Warning, Message = "The damaged database is kept as {Path}")]
    private static partial void LogKeptDamaged(ILogger logger, string path);

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "Database rebuilt by LiteDB: {Records} records recovered, {Errors} unreadable pieces skipped ({Counts}); check the _rebuild_errors collection for what was lost")]
    private static partial void LogRebuilt(ILogger logger, long records, long errors, string counts);

    [LoggerMessage(EventId = 904, Level = LogLevel.Error, Message = "LiteDB could not rebuild the damaged database: {Failure}")]
    private static partial void LogRebuildFailed(ILogger logger, string failure);

    [LoggerMessage(EventId = 905, Level = LogLevel.Warning, Message = "Opening the damaged copy failed ({Failure}); opening it again for LiteDB's automatic rebuild")]
    private static partial void LogRetryingOpen(ILogger logger, string failure);

    [LoggerMessage(EventId = 906, Level = LogLevel.Critical, Message = "Database restored from the backup {Backup} made {CreatedAt:u}: changes after that moment are lost (damaged file: {Damaged})")]
    private static partial void LogRestoredFromBackup(ILogger logger, string backup, DateTimeOffset createdAt, string damaged);

    [LoggerMessage(EventId = 907, Level = LogLevel.Error, Message = "The backup {Backup} cannot be used: {Failure}")]
    private static partial void LogBackupUnusable(ILogger logger, string backup, string failure);

    [LoggerMessage(EventId = 908, Level = LogLevel.Critical, Message = "The database {Path} is missing although organizer.key is there; looking for a backup")]
    private static partial void LogMissing(ILogger logger, string path);
}
