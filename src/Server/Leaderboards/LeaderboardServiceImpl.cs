using Contest.Contracts.V1;
using Contest.Server.Attacks;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Rounds;
using Grpc.Core;

namespace Contest.Server.Leaderboards;

/// <summary>The contest's standings: staked defenses, attacker teams, the attack x defense matrix, and the warm-up table.</summary>
internal sealed class LeaderboardServiceImpl(
    DefenseStore defenses,
    AttackStore attacks,
    RoundStore rounds,
    BreakBook breaks,
    Identities identities,
    WarmupTable warmup,
    MatrixTable matrix,
    TimeProvider clock) : LeaderboardService.LeaderboardServiceBase
{
    [RequireRole]
    public override Task<WarmupLeaderboard> GetWarmupLeaderboard(GetWarmupLeaderboardRequest request, ServerCallContext context) =>
        Task.FromResult(warmup.Build(request.Profile == Profile.Unspecified ? Profile.Standard : request.Profile));

    [RequireRole]
    public override Task<ContestLeaderboard> GetContestLeaderboard(GetContestLeaderboardRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var board = new ContestLeaderboard { WinningDays = WinnerRule.WinningDays };
        var rows = defenses.Staked()
            .Select(d => new ContestRow
            {
                DefenseId = d.Id,
                DefenseName = d.Name,
                TeamName = identities.TeamName(d.TeamId),
                Open = d.Open,
                Stake = d.Stake.ToProto(now),
                Breaks = breaks.ValidBreaksOf(d.Id).Count,
                Baseline = d.Baseline,
            })
            .OrderBy(r => r.Stake.Status == StakeStatus.Broken)
            .ThenByDescending(r => r.Stake.DaysUnbroken);
        board.Rows.AddRange(rows);
        return Task.FromResult(board);
    }

    [RequireRole]
    public override Task<AttackerLeaderboard> GetAttackerLeaderboard(GetAttackerLeaderboardRequest request, ServerCallContext context)
    {
        var published = rounds.PublishedIds();
        var firstBreakers = defenses.Staked().Select(d => d.Stake.BrokenByAttackId).Where(id => id.Length > 0).ToHashSet();
        var rows = attacks.Settled()
            .GroupBy(a => a.TeamId)
            .Select(g => new AttackerRow
            {
                TeamId = g.Key,
                TeamName = identities.TeamName(g.Key),
                Submissions = g.Count(),
                Candidates = g.Count(a => a.Verdicts.Any(v => v.Candidate)),
                ValidBreaks = g.Count(a => a.Status == AttackStatus.Valid && published.Contains(a.RoundId)),
                FirstBreaks = g.Count(a => firstBreakers.Contains(a.Id)),
            })
            .OrderByDescending(r => r.FirstBreaks)
            .ThenByDescending(r => r.ValidBreaks)
            .ThenBy(r => r.TeamName, StringComparer.Ordinal);
        var board = new AttackerLeaderboard();
        board.Rows.AddRange(rows);
        return Task.FromResult(board);
    }

    [RequireRole]
    public override Task<AttackDefenseMatrix> GetMatrix(GetMatrixRequest request, ServerCallContext context) =>
        Task.FromResult(matrix.Build());
}
