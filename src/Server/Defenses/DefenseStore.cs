using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.Defenses;

/// <summary>The defense records and every query on them, with the indexes those queries use. Changes go inside a write.</summary>
internal sealed class DefenseStore
{
    private readonly ILiteCollection<DefenseRecord> _defenses;

    public DefenseStore(ContestDatabase db)
    {
        _defenses = db.Collection<DefenseRecord>("defenses");
        _defenses.EnsureIndex(d => d.TeamId);
        _defenses.EnsureIndex(d => d.Sha256);
    }

    public DefenseRecord? Find(string defenseId) => _defenses.FindById(defenseId);

    public void Insert(DefenseRecord defense) => _defenses.Insert(defense);

    public void Update(DefenseRecord defense) => _defenses.Update(defense);

    /// <summary>Applies <paramref name="change"/> to the defense and stores it; does nothing if it is gone.</summary>
    public void Update(string defenseId, Action<DefenseRecord> change)
    {
        var defense = _defenses.FindById(defenseId);
        if (defense is null)
            return;
        change(defense);
        _defenses.Update(defense);
    }

    /// <summary>The team's live defense with exactly this file, if any.</summary>
    public DefenseRecord? LiveDuplicate(string teamId, string sha256) =>
        _defenses.FindOne(d => d.TeamId == teamId && d.Sha256 == sha256 && d.WithdrawnAt == null);

    /// <summary>A live defense of exactly this name, if any.</summary>
    public DefenseRecord? LiveNamed(string name) => _defenses.FindOne(d => d.Name == name && d.WithdrawnAt == null);

    /// <summary>Defenses in upload order, filtered as asked.</summary>
    public IEnumerable<DefenseRecord> List(bool includeWithdrawn, string teamId, bool stakedOnly) =>
        (teamId.Length == 0 ? _defenses.FindAll() : _defenses.Find(d => d.TeamId == teamId))
            .Where(d => includeWithdrawn || d.WithdrawnAt is null)
            .Where(d => !stakedOnly || d.Stake.Staked)
            .OrderBy(d => d.CreatedAt);

    /// <summary>Defenses that can be attacked now (see <see cref="ContestEntry"/>), in upload order.</summary>
    public IReadOnlyList<DefenseRecord> InContest() =>
        [.. _defenses.Find(d => d.WithdrawnAt == null).Where(ContestEntry.IsInContest).OrderBy(d => d.CreatedAt)];

    /// <summary>Every staked defense, withdrawn or not.</summary>
    public IEnumerable<DefenseRecord> Staked() => _defenses.Find(d => d.Stake.Staked);
}
