using Contest.Contracts.V1;
using Contest.Core.Rules;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;

namespace Contest.Server.Leaderboards;

/// <summary>
/// The warm-up leaderboard: per defense, accuracy@80 under each attack of its latest finished warm-up
/// evaluation of the requested profile (the layout of the original README's table). Quick and
/// standard results never mix. Ranked by the weakest attack other than clean. The original challenge's
/// published rows follow, apart (<see cref="PublishedResults"/>): never measured here.
/// </summary>
internal sealed class WarmupTable(JobStore jobs, DefenseStore defenses, Identities identities, BlobStore blobs)
{
    private static IReadOnlyList<string> Columns => AttackSuites.WarmupTableColumns;

    public WarmupLeaderboard Build(Profile profile)
    {
        var board = new WarmupLeaderboard { Profile = profile };
        board.Attacks.AddRange(Columns);
        foreach (var job in jobs.LatestFullEvaluations(AttackSuites.Warmup, profile))
        {
            var defense = defenses.Find(job.DefenseId);
            if (defense is null || defense.WithdrawnAt is not null)
                continue;
            var row = new WarmupRow
            {
                DefenseId = defense.Id,
                DefenseName = defense.Name,
                TeamName = identities.TeamName(defense.TeamId),
                Open = defense.Open,
                Baseline = defense.Baseline,
                JobId = job.Id,
                EvaluatedAt = ProtoTime.From(job.FinishedAt),
                Profile = profile,
            };
            foreach (var (attack, accuracy) in WarmupScores.Of(job, blobs))
                row.AccuracyAt80[attack] = accuracy;
            board.Rows.Add(row);
        }
        var ordered = board.Rows.OrderByDescending(WeakestAttack).ToList();
        board.Rows.Clear();
        board.Rows.AddRange(ordered);
        board.Published.AddRange(PublishedResults.ToProto());
        return board;
    }

    private static double WeakestAttack(WarmupRow row) =>
        Columns.Skip(1).Select(c => row.AccuracyAt80.TryGetValue(c, out var v) ? v : 0).DefaultIfEmpty(0).Min();
}
