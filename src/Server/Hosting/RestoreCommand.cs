using Contest.Server.Infrastructure.Backups;
using Contest.Server.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;

namespace Contest.Server.Hosting;

/// <summary>`--restore FILE --data-dir DIR`: a backup unpacked and checked, then the process exits.</summary>
internal static class RestoreCommand
{
    /// <summary>True when the arguments ask for a restore; gives the archive and the data directory.</summary>
    public static bool Wanted(string[] args, out string archive, out string dataDirectory)
    {
        // The data directory as the server would find it: environment (Contest__DataDirectory), then the command line.
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddCommandLine(args, ServerCommandLine.SwitchMappings)
            .Build();
        archive = configuration[ServerCommandLine.RestoreKey] ?? "";
        dataDirectory = configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] ?? new StorageOptions().DataDirectory;
        return archive.Length > 0;
    }

    /// <summary>Restores and says what was restored; returns the process's exit code.</summary>
    public static int Run(string archive, string dataDirectory)
    {
        var target = Path.GetFullPath(dataDirectory);
        try
        {
            var manifest = BackupRestore.Run(Path.GetFullPath(archive), target);
            Console.Out.WriteLine(
                $"Restored the backup made {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC into {target}: " +
                $"{manifest.Records.Values.Sum()} records ({string.Join(", ", manifest.Records.Select(r => $"{r.Key}={r.Value}"))}), " +
                $"{manifest.BlobCount} blobs, every file checked against the manifest.");
            Console.Out.WriteLine($"Start the server on it: Contest.Server --data-dir {target}");
            return 0;
        }
        catch (Exception e) when (e is BackupInvalidException or IOException or UnauthorizedAccessException or LiteDB.LiteException)
        {
            Console.Error.WriteLine($"Restore failed: {e.Message}");
            return 1;
        }
    }
}
