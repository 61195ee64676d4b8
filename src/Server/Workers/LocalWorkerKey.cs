using Contest.Contracts.V1;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;

namespace Contest.Server.Workers;

/// <summary>
/// The key local workers use: a fresh one each time the server starts (the previous one is
/// revoked), held in memory only and handed to the workers through their environment.
/// </summary>
internal sealed class LocalWorkerKey(ContestDatabase db, AuditLog audit, TimeProvider clock)
{
    public const string TeamName = "local-workers";
    private const string Label = "local workers";

    public string Issue()
    {
        var key = ApiKeys.Generate();
        db.Write(() =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var team = db.Teams.FindOne(t => t.NameKey == TeamName);
            if (team is null)
            {
                team = new TeamRecord { Id = Ids.New("team"), Name = TeamName, NameKey = TeamName, Roles = [Role.Worker], CreatedAt = now, System = true };
                db.Teams.Insert(team);
            }
            foreach (var old in db.ApiKeys.Find(k => k.TeamId == team.Id && k.RevokedAt == null).ToList())
            {
                old.RevokedAt = now;
                db.ApiKeys.Update(old);
            }
            var record = new ApiKeyRecord
            {
                Id = Ids.New("key"),
                TeamId = team.Id,
                Hash = ApiKeys.Hash(key),
                Prefix = ApiKeys.DisplayPrefix(key),
                Label = Label,
                CreatedAt = now,
            };
            db.ApiKeys.Insert(record);
            audit.Append(team.Id, record.Id, "key.create", $"team/{team.Id}", "server start: key for local workers");
        });
        return key;
    }
}
