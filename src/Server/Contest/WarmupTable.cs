using Contest.Contracts.V1;
using Contest.Server.Mapping;
using Contest.Server.Storage;

namespace Contest.Server.Contest;

/// <summary>
/// The warm-up leaderboard: per defense, accuracy@80 under each attack of its latest finished warm-up
/// evaluation of the requested profile (the layout of the original README's table). Quick and
/// standard results never mix.
/// </summary>
internal sealed class WarmupTable(ContestDatabase db, BlobStore blobs)
{
    public static readonly IReadOnlyList<string> Columns =
        ["clean", "common_corruptions", "spatial_grid", "spsa_with_random_spatial", "boundary_with_random_spatial", "pgd_linf"];

    public WarmupLeaderboard Build(Profile profile)
    {
        var board = new WarmupLeaderboard { Profile = profile };
        board.Attacks.AddRange(Columns);
        var latest = db.Jobs.Find(j => j.Kind == JobKind.Evaluate && j.Status == JobStatus.Succeeded && j.Suite == "warmup" && j.Profile == profile)
            .Where(j => j.ResultSha256.Length > 0 && j.Limit == 0)
            .GroupBy(j => j.DefenseId)
            .Select(g => g.OrderByDescending(j => j.FinishedAt).First());
        foreach (var job in latest)
        {
            var defense = db.Defenses.FindById(job.DefenseId);
            if (defense is null || defense.WithdrawnAt is not null)
                continue;
            using var file = blobs.OpenRead(job.ResultSha256);
            var report = EvaluationReport.Parser.ParseFrom(file);
            var row = new WarmupRow
            {
                DefenseId = defense.Id,
                DefenseName = defense.Name,
                TeamName = db.Teams.FindById(defense.TeamId)?.Name ?? "",
                Open = defense.Open,
                Baseline = defense.Baseline,
                JobId = job.Id,
                EvaluatedAt = ProtoTime.From(job.FinishedAt),
                Profile = profile,
            };
            foreach (var attack in report.Attacks.Where(a => a.SkippedReason.Length == 0))
                row.AccuracyAt80[attack.Name] = attack.AccuracyAt80;
            board.Rows.Add(row);
        }
        var ordered = board.Rows.OrderByDescending(r => Columns.Skip(1).Select(c => r.AccuracyAt80.TryGetValue(c, out var v) ? v : 0).DefaultIfEmpty(0).Min()).ToList();
        board.Rows.Clear();
        board.Rows.AddRange(ordered);
        return board;
    }
}
