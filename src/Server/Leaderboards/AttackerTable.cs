using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Rounds;

namespace Contest.Server.Leaderboards;

/// <summary>
/// The attackers' table, counted from published rounds only, the same for every caller. It never moves
/// while images are in review: a reviewer could otherwise tell who made the image in front of them from
/// the row that changed when it arrived. Teams follow their own submissions with `attacks list`.
/// </summary>
internal sealed class AttackerTable(AttackStore attacks, DefenseStore defenses, RoundStore rounds, Identities identities)
{
    public AttackerLeaderboard Build()
    {
        var published = rounds.PublishedIds();
        var firstBreakers = defenses.Staked().Select(d => d.Stake.BrokenByAttackId).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
        var rows = attacks.Settled()
            .Where(a => published.Contains(a.RoundId))
            .GroupBy(a => a.TeamId)
            .Select(g => new AttackerRow
            {
                TeamId = g.Key,
                TeamName = identities.TeamName(g.Key),
                Submissions = g.Count(),
                Candidates = g.Count(a => a.Verdicts.Any(v => v.Candidate)),
                ValidBreaks = g.Count(a => a.Status == AttackStatus.Valid),
                FirstBreaks = g.Count(a => firstBreakers.Contains(a.Id)),
            })
            .OrderByDescending(r => r.FirstBreaks)
            .ThenByDescending(r => r.ValidBreaks)
            .ThenBy(r => r.TeamName, StringComparer.Ordinal);
        var board = new AttackerLeaderboard();
        board.Rows.AddRange(rows);
        return board;
    }
}
