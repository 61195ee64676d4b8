using Contest.Contracts.V1;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Infrastructure.Storage;

namespace Contest.Server.Teams;

/// <summary>
/// Makes sure an organizer can always get in: on first start (or when organizer.key is missing or no
/// longer valid) it creates the organizers team and a key, and writes the key to
/// &lt;data-dir&gt;/organizer.key, readable by the owner only.
/// </summary>
internal sealed class OrganizerKeyFile(ContestDatabase db, Identities identities, ApiKeyAuthenticator authenticator, AuditLog audit, TimeProvider clock)
{
    public const string FileName = "organizer.key";
    public const string TeamName = "organizers";

    /// <summary>Returns the key file's path and whether a new key was written.</summary>
    public (string Path, bool Created) Ensure(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var existing = File.ReadAllText(path).Trim();
            if (authenticator.Authenticate(existing) is { IsOrganizer: true })
                return (path, false);
        }

        var secret = db.Write(() =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var team = identities.SystemTeam(TeamName, Role.Organizer, now);
            var (secret, record) = identities.IssueKey(team.Id, FileName, now);
            audit.Append(team.Id, record.Id, "key.create", $"team/{team.Id}", $"server start: wrote {FileName}");
            return secret;
        });
        WriteOwnerOnly(path, secret + "\n");
        return (path, true);
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }
}
