using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.Rounds;

/// <summary>Rounds and appeals, with every query on them and the indexes those queries use. Changes go inside a write.</summary>
internal sealed class RoundStore
{
    private readonly ILiteCollection<RoundRecord> _rounds;
    private readonly ILiteCollection<AppealRecord> _appeals;

    public RoundStore(ContestDatabase db)
    {
        _rounds = db.Collection<RoundRecord>("rounds");
        _appeals = db.Collection<AppealRecord>("appeals");
        _rounds.EnsureIndex(r => r.Status);
        _appeals.EnsureIndex(a => a.DefenseId);
    }

    public RoundRecord? Find(string roundId) => _rounds.FindById(roundId);

    public void Insert(RoundRecord round) => _rounds.Insert(round);

    public void Update(RoundRecord round) => _rounds.Update(round);

    public int Count() => _rounds.Count();

    public RoundRecord? Open() => _rounds.FindOne(r => r.Status == RoundStatus.Open);

    /// <summary>Open rounds whose scheduled close is at or before <paramref name="now"/>.</summary>
    public IReadOnlyList<RoundRecord> DueToClose(DateTime now) => [.. _rounds.Find(r => r.Status == RoundStatus.Open && r.ClosesAt <= now)];

    /// <summary>Closed rounds waiting for their reviews, oldest first.</summary>
    public IReadOnlyList<RoundRecord> Reviewing() => [.. _rounds.Find(r => r.Status == RoundStatus.Reviewing).OrderBy(r => r.Number)];

    public IReadOnlySet<string> PublishedIds() => _rounds.Find(r => r.Status == RoundStatus.Published).Select(r => r.Id).ToHashSet();

    public IReadOnlyList<RoundRecord> All() => [.. _rounds.FindAll().OrderBy(r => r.Number)];

    public AppealRecord? Appeal(string appealId) => _appeals.FindById(appealId);

    public void Insert(AppealRecord appeal) => _appeals.Insert(appeal);

    public void Update(AppealRecord appeal) => _appeals.Update(appeal);

    public bool HasOpenAppeal(string defenseId, string attackId) =>
        _appeals.Exists(a => a.DefenseId == defenseId && a.AttackId == attackId && a.Status == AppealStatus.Open);

    /// <summary>Appeals in filing order: all, or one team's.</summary>
    public IEnumerable<AppealRecord> Appeals(string? teamId, bool openOnly) =>
        (teamId is null ? _appeals.FindAll() : _appeals.Find(a => a.TeamId == teamId))
            .Where(a => !openOnly || a.Status == AppealStatus.Open)
            .OrderBy(a => a.FiledAt);
}
