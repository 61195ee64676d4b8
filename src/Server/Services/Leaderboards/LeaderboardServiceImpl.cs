using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Contest;
using Contest.Server.Mapping;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Grpc.Core;

namespace Contest.Server.Services.Leaderboards;

/// <summary>The contest's standings: staked defenses, attacker teams, the attack x defense matrix, and the warm-up table.</summary>
internal sealed class LeaderboardServiceImpl(ContestDatabase db, BreakBook breaks, WarmupTable warmup, TimeProvider clock) : LeaderboardService.LeaderboardServiceBase
{
    [RequireRole]
    public override Task<WarmupLeaderboard> GetWarmupLeaderboard(GetWarmupLeaderboardRequest request, ServerCallContext context) =>
        Task.FromResult(warmup.Build(request.Profile == Profile.Unspecified ? Profile.Standard : request.Profile));

    [RequireRole]
    public override Task<ContestLeaderboard> GetContestLeaderboard(GetContestLeaderboardRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var board = new ContestLeaderboard { WinningDays = DefenseMapping.WinningDays };
        var rows = db.Defenses.Find(d => d.Stake.Staked)
            .Select(d => new ContestRow
            {
                DefenseId = d.Id,
                DefenseName = d.Name,
                TeamName = db.Teams.FindById(d.TeamId)?.Name ?? "",
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
        var published = db.Rounds.Find(r => r.Status == RoundStatus.Published).Select(r => r.Id).ToHashSet();
        var firstBreakers = db.Defenses.Find(d => d.Stake.Staked && d.Stake.BrokenByAttackId != "").Select(d => d.Stake.BrokenByAttackId).ToList();
        var rows = db.Attacks.Find(a => a.Status != AttackStatus.Unspecified)
            .GroupBy(a => a.TeamId)
            .Select(g => new AttackerRow
            {
                TeamId = g.Key,
                TeamName = db.Teams.FindById(g.Key)?.Name ?? "",
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
    public override Task<AttackDefenseMatrix> GetMatrix(GetMatrixRequest request, ServerCallContext context)
    {
        var published = db.Rounds.Find(r => r.Status == RoundStatus.Published).Select(r => r.Id).ToHashSet();
        var defenses = db.Defenses.Find(d => d.WithdrawnAt == null)
            .Where(d => d.Eligibility.Status == EligibilityStatus.Eligible || d.Stake.Staked)
            .OrderBy(d => d.CreatedAt)
            .ToList();
        var attacks = db.Attacks.Find(a => a.Status == AttackStatus.Valid).Where(a => published.Contains(a.RoundId)).OrderBy(a => a.SubmittedAt).ToList();
        var matrix = new AttackDefenseMatrix();
        matrix.DefenseIds.AddRange(defenses.Select(d => d.Id));
        matrix.DefenseNames.AddRange(defenses.Select(d => d.Name));
        var defenseScores = new int[defenses.Count];
        foreach (var attack in attacks)
        {
            var row = new MatrixRow { AttackId = attack.Id, AttackerTeamName = db.Teams.FindById(attack.TeamId)?.Name ?? "" };
            var fooled = 0;
            for (var i = 0; i < defenses.Count; i++)
            {
                var outcome = Outcome(attack, defenses[i]);
                row.Outcomes.Add(outcome);
                if (outcome == MatrixOutcome.Correct)
                    defenseScores[i]++;
                if (outcome == MatrixOutcome.Wrong)
                    fooled++;
            }
            matrix.Rows.Add(row);
            matrix.AttackScores.Add(fooled);
        }
        matrix.DefenseScores.AddRange(defenseScores);
        return Task.FromResult(matrix);
    }

    private MatrixOutcome Outcome(AttackRecord attack, DefenseRecord defense)
    {
        if (db.Scores.FindById(ScoreRecord.IdOf(attack.Id, defense.Id)) is not { } score)
            return MatrixOutcome.Pending;
        var threshold = VerdictMath.ThresholdOf(defense);
        if (VerdictMath.IsConfidentMistake(score.Logits, threshold, attack.ClaimedLabel))
            return MatrixOutcome.Wrong;
        return Core.Metrics.ThresholdView.IsAbstention(Core.Metrics.Logits.From(score.Logits), threshold) ? MatrixOutcome.Abstained : MatrixOutcome.Correct;
    }
}
