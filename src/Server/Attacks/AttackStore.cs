using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.Attacks;

/// <summary>
/// Attack submissions and the scores of attack images against defenses, with every query on them and
/// the indexes those queries use. Changes go inside a write.
/// </summary>
internal sealed class AttackStore
{
    private readonly ILiteCollection<AttackRecord> _attacks;
    private readonly ILiteCollection<ScoreRecord> _scores;

    public AttackStore(ContestDatabase db)
    {
        _attacks = db.Collection<AttackRecord>("attacks");
        _scores = db.Collection<ScoreRecord>("scores");
        _attacks.EnsureIndex(a => a.TeamId);
        _attacks.EnsureIndex(a => a.Status);
        _attacks.EnsureIndex(a => a.RoundId);
        _attacks.EnsureIndex(a => a.SubmittedAt);
        _attacks.EnsureIndex(a => a.ImageSha256);
        _attacks.EnsureIndex(a => a.VerdictsPending);
        _scores.EnsureIndex(s => s.DefenseId);
        _scores.EnsureIndex(s => s.AttackId);
    }

    public AttackRecord? Find(string attackId) => _attacks.FindById(attackId);

    public void Insert(AttackRecord attack) => _attacks.Insert(attack);

    public void Update(AttackRecord attack) => _attacks.Update(attack);

    public void Delete(string attackId) => _attacks.Delete(attackId);

    /// <summary>The submission of exactly this image, if any.</summary>
    public AttackRecord? WithImage(string sha256) => _attacks.FindOne(a => a.ImageSha256 == sha256);

    /// <summary>Submissions a team made in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public int CountSubmitted(string teamId, DateTime from, DateTime to) =>
        _attacks.Count(a => a.TeamId == teamId && a.SubmittedAt >= from && a.SubmittedAt < to);

    /// <summary>Settled submissions (verdicts in), newest first: all, or one team's.</summary>
    public IEnumerable<AttackRecord> Newest(string? teamId) =>
        (teamId is null ? _attacks.FindAll() : _attacks.Find(a => a.TeamId == teamId))
            .Where(a => a.Status != AttackStatus.Unspecified)
            .OrderByDescending(a => a.SubmittedAt);

    /// <summary>Settled submissions of a round, oldest first.</summary>
    public IReadOnlyList<AttackRecord> InRound(string roundId) =>
        [.. _attacks.Find(a => a.RoundId == roundId && a.Status != AttackStatus.Unspecified).OrderBy(a => a.SubmittedAt)];

    /// <summary>Valid images, oldest first (of published rounds only, when given).</summary>
    public IReadOnlyList<AttackRecord> Valid(IReadOnlySet<string>? inRounds = null) =>
        [.. _attacks.Find(a => a.Status == AttackStatus.Valid).Where(a => inRounds is null || inRounds.Contains(a.RoundId)).OrderBy(a => a.SubmittedAt)];

    /// <summary>Candidates waiting for reviews.</summary>
    public IEnumerable<AttackRecord> InReview() => _attacks.Find(a => a.Status == AttackStatus.InReview);

    /// <summary>Whether a round still has an image waiting for verdicts or reviews.</summary>
    public bool HasUndecided(string roundId) =>
        _attacks.Exists(a => a.RoundId == roundId && (a.Status == AttackStatus.InReview || a.VerdictsPending > 0));

    /// <summary>Every settled submission (the attacker leaderboard counts them).</summary>
    public IEnumerable<AttackRecord> Settled() => _attacks.Find(a => a.Status != AttackStatus.Unspecified);

    /// <summary>A defense's logits on an attack image, if scored.</summary>
    public ScoreRecord? Score(string attackId, string defenseId) => _scores.FindById(ScoreRecord.IdOf(attackId, defenseId));

    /// <summary>Records (or replaces) the failure of a defense on an attack image, in place of logits.</summary>
    public void RecordFailure(string attackId, string defenseId, string failure, DateTime at) =>
        _scores.Upsert(new ScoreRecord
        {
            Id = ScoreRecord.IdOf(attackId, defenseId),
            AttackId = attackId,
            DefenseId = defenseId,
            Failure = failure,
            ScoredAt = at,
        });

    /// <summary>Submissions still waiting for verdicts whose deadline is before <paramref name="now"/>.</summary>
    public IReadOnlyList<AttackRecord> PastVerdictDeadline(DateTime now) =>
        [.. _attacks.Find(a => a.VerdictsPending > 0 && a.VerdictsDueBy < now)];

    /// <summary>Records (or replaces) a defense's logits on an attack image.</summary>
    public void RecordScore(string attackId, string defenseId, IEnumerable<float> logits, DateTime at) =>
        _scores.Upsert(new ScoreRecord
        {
            Id = ScoreRecord.IdOf(attackId, defenseId),
            AttackId = attackId,
            DefenseId = defenseId,
            Logits = [.. logits],
            ScoredAt = at,
        });
}
