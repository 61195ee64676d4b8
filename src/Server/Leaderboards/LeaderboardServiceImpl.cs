using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Rounds;
using Grpc.Core;

namespace Contest.Server.Leaderboards;

/// <summary>The contest's standings: staked defenses, attacker teams, the attack x defense matrix, and the warm-up table.</summary>
internal sealed class LeaderboardServiceImpl(
    DefenseStore defenses,
    BreakBook breaks,
    Identities identities,
    WarmupTable warmup,
    AttackerTable attackers,
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

    /// <summary>From published rounds only (see <see cref="AttackerTable"/>).</summary>
    [RequireRole]
    public override Task<AttackerLeaderboard> GetAttackerLeaderboard(GetAttackerLeaderboardRequest request, ServerCallContext context) =>
        Task.FromResult(attackers.Build());

    [RequireRole]
    public override Task<AttackDefenseMatrix> GetMatrix(GetMatrixRequest request, ServerCallContext context) =>
        Task.FromResult(matrix.Build());
}
