using Contest.Contracts.V1;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Infrastructure.Storage;

namespace Contest.Server.Workers;

/// <summary>
/// The key local workers use: a fresh one each time the server starts (the previous one is
/// revoked), held in memory only and handed to the workers through their environment.
/// </summary>
internal sealed class LocalWorkerKey(ContestDatabase db, Identities identities, AuditLog audit, TimeProvider clock)
{
    public const string TeamName = "local-workers";
    private const string Label = "local workers";

    /// <summary>The team of the local workers, once <see cref="Issue"/> ran (empty before).</summary>
    public string TeamId { get; private set; } = "";

    public string Issue() => db.Write(() =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var team = identities.SystemTeam(TeamName, Role.Worker, now);
        TeamId = team.Id;
        identities.RevokeAll(team.Id, now);
        var (secret, record) = identities.IssueKey(team.Id, Label, now);
        audit.Append(team.Id, record.Id, "key.create", $"team/{team.Id}", "server start: key for local workers");
        return secret;
    });
}
