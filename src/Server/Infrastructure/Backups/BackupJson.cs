using System.Text.Json;

namespace Contest.Server.Infrastructure.Backups;

/// <summary>How manifest.json is written and read.</summary>
internal static class BackupJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
