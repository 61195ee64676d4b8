using Contest.Contracts.V1;
using Contest.Core.Rules;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Leaderboards;
using Contest.Server.Tests.Support;
using Google.Protobuf;

namespace Contest.Server.Tests.Leaderboards;

public sealed class WarmupTableTests : IDisposable
{
    private readonly TestContest _contest = new();

    public void Dispose() => _contest.Dispose();

    [Fact]
    public void Build_ABaselinesQuickEvaluation_ShowsItsRowWithTheBaselineMark()
    {
        var baseline = _contest.Defense(_contest.Team("organizers-test", Role.Organizer));
        _contest.Db.Write(() => _contest.Get<DefenseStore>().Update(baseline.Id, d => d.Baseline = true));
        Evaluated(baseline, Profile.Quick, ("clean", 0.99), ("spsa_with_random_spatial", 0.05));

        var board = _contest.Get<WarmupTable>().Build(Profile.Quick);

        var row = Assert.Single(board.Rows);
        Assert.True(row.Baseline);
        Assert.Equal(0.05, row.AccuracyAt80["spsa_with_random_spatial"]);
        Assert.Empty(_contest.Get<WarmupTable>().Build(Profile.Standard).Rows);
    }

    [Fact]
    public void Build_AnyProfile_ShowsThePublishedRowsApartWithTheirSource()
    {
        var board = _contest.Get<WarmupTable>().Build(Profile.Standard);

        Assert.Equal(
            ["LLR adversarial training (2019)", "TRADESv2 (2019)", "undefended ResNet-50, ImageNet-trained (Keras)", "undefended ResNet-50 trained on extras (PyTorch)"],
            board.Published.Select(r => r.Name));
        Assert.All(board.Published, r => Assert.Equal(PublishedResults.Source, r.Source));
        var pytorch = board.Published[3];
        Assert.Equal(0.988, pytorch.AccuracyAt80["clean"], 6);
        Assert.Equal(0.746, pytorch.AccuracyAt80["common_corruptions"], 6);
        Assert.Equal(0.495, pytorch.AccuracyAt80["spatial_grid"], 6);
        Assert.Equal(0.025, pytorch.AccuracyAt80["spsa_with_random_spatial"], 6);
        Assert.Equal(0.08, pytorch.AccuracyAt80["boundary_with_random_spatial"], 6);
        Assert.Equal(0.95, board.Published[1].AccuracyAt80["boundary_with_random_spatial"], 6);
        // The paper has no white-box PGD column: absent, not zero.
        Assert.All(board.Published, r => Assert.False(r.AccuracyAt80.ContainsKey("pgd_linf")));
        Assert.All(board.Published.SelectMany(r => r.AccuracyAt80.Keys), k => Assert.Contains(k, AttackSuites.WarmupTableColumns));
    }

    private void Evaluated(DefenseRecord defense, Profile profile, params (string Attack, double Accuracy)[] scores)
    {
        var report = new EvaluationReport { DefenseId = defense.Id };
        foreach (var (attack, accuracy) in scores)
            report.Attacks.Add(new AttackResult { Name = attack, AccuracyAt80 = accuracy });
        _contest.Db.Write(() => _contest.Get<JobStore>().Insert(new JobRecord
        {
            Id = Ids.New("job"),
            Kind = JobKind.Evaluate,
            Status = JobStatus.Succeeded,
            DefenseId = defense.Id,
            TeamId = defense.TeamId,
            Suite = AttackSuites.Warmup,
            Profile = profile,
            FinishedAt = _contest.Now,
            ResultSha256 = _contest.Get<BlobStore>().Put(report.ToByteArray()),
        }));
    }
}
