using Contest.Server.Infrastructure.Storage;

namespace Contest.Server.Infrastructure.Backups;

/// <summary>
/// `--restore FILE --data-dir DIR`: unpacks a full backup into an empty (or new) data directory
/// after checking every file against the manifest, then opens the restored database and reads all
/// of it. Never writes over an existing contest.
/// </summary>
internal static class BackupRestore
{
    public static BackupManifest Run(string archive, string dataDirectory)
    {
        if (!File.Exists(archive))
            throw new BackupInvalidException($"{archive} does not exist.");
        if (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any())
            throw new BackupInvalidException(
                $"{dataDirectory} is not empty; a backup is restored into an empty or new data directory only, " +
                "so that nothing is overwritten. Choose another --data-dir (or empty this one yourself).");
        Directory.CreateDirectory(dataDirectory);
        var manifest = BackupArchiveReader.ExtractAll(archive, dataDirectory);
        if (manifest.Kind != BackupKinds.Full)
        {
            Directory.Delete(dataDirectory, recursive: true);
            throw new BackupInvalidException(
                $"{archive} is one of the server's automatic copies of its records (no blobs), not a full backup; " +
                "restore a backup made with 'contest admin backup'. (The server uses its automatic copies by itself when contest.db is damaged.)");
        }
        using (var db = DatabaseFile.Open(Path.Combine(dataDirectory, ContestDatabase.FileName)))
            DatabaseFile.ReadEverything(db);
        return manifest;
    }
}
