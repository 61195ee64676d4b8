using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Quotas;
using Contest.Server.Tests.Support;
using Grpc.Core;

namespace Contest.Server.Tests.Quotas;

public sealed class FairShareTests : IDisposable
{
    private readonly TestContest _contest = new(("DailyDefenseUploads", "2"), ("MaxTeamEvaluations", "2"), ("MaxTeamBytes", "1000"));
    private readonly FairShare _limits;

    public FairShareTests() => _limits = _contest.Get<FairShare>();

    public void Dispose() => _contest.Dispose();

    [Fact]
    public void CheckUpload_PastTheDailyUploads_IsRefusedUntilMidnightUtc()
    {
        var team = _contest.Team("defenders", Role.Defender);
        Uploaded(team, 10);
        Uploaded(team, 10);

        var refused = Assert.Throws<RpcException>(() => _limits.CheckUpload(team, 10));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("uploaded 2 defenses today, the most it may per UTC day (2)", refused.Status.Detail);
        Assert.Contains("uploads free up at 2026-11-26 00:00 UTC", refused.Status.Detail);

        // One second before midnight it still holds; at midnight a new day starts.
        _contest.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 23, 59, 59, TimeSpan.Zero));
        Assert.Throws<RpcException>(() => _limits.CheckUpload(team, 10));
        _contest.Clock.Advance(TimeSpan.FromSeconds(1));
        _limits.CheckUpload(team, 10);
        Assert.Equal(0, _limits.View(team).ToProto().DefenseUploads.Used);
    }

    [Fact]
    public void CheckUpload_PastTheBytesStored_IsRefusedWithTheNumbers()
    {
        var team = _contest.Team("defenders", Role.Defender);
        Uploaded(team, 900);

        _limits.CheckUpload(team, 100);
        var refused = Assert.Throws<RpcException>(() => _limits.CheckUpload(team, 101));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("your team stores 900 bytes (defense models 900, attack images 0, job artifacts 0)", refused.Status.Detail);
        Assert.Contains("101 bytes more would pass its limit of 1000 bytes", refused.Status.Detail);
    }

    [Fact]
    public void CheckAttackImage_PastTheBytesStored_IsRefusedWithTheNumbers_ButNotForOrganizers()
    {
        var team = _contest.Team("attackers", Role.Attacker, Role.Defender);
        Uploaded(team, 990);

        _limits.CheckAttackImage(team, 10);
        var refused = Assert.Throws<RpcException>(() => _limits.CheckAttackImage(team, 11));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("11 bytes more would pass its limit of 1000 bytes", refused.Status.Detail);
        _limits.CheckAttackImage(_contest.Team("organizers", Role.Organizer), 1 << 20);
    }

    [Fact]
    public void CheckUpload_ArtifactsOfTheTeamsJobs_CountAsStoredBytes()
    {
        var team = _contest.Team("defenders", Role.Defender);
        var job = Evaluation(team, JobStatus.Succeeded);
        _contest.Db.Write(() =>
        {
            job.Artifacts.Add(new ArtifactState { Name = "adv.png", Sha256 = new string('b', 64), SizeBytes = 950 });
            _contest.Get<JobStore>().Update(job);
        });

        Assert.Throws<RpcException>(() => _limits.CheckUpload(team, 51));
        var view = _limits.View(team).ToProto();
        Assert.Equal((950L, 950L, 50L), (view.ArtifactBytes, view.BytesStored.Used, view.BytesStored.Remaining));
    }

    [Fact]
    public void CheckEvaluation_TwoQueuedOrRunning_RefusesAThirdUntilOneFinishes()
    {
        var team = _contest.Team("defenders", Role.Defender);
        var first = Evaluation(team, JobStatus.Running);
        Evaluation(team, JobStatus.Queued);
        Evaluation(team, JobStatus.Succeeded);

        var refused = Assert.Throws<RpcException>(() => _limits.CheckEvaluation(team));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("2 evaluations queued or running (1 queued, 1 running), the most it may have at once (2)", refused.Status.Detail);

        _contest.Db.Write(() =>
        {
            first.Status = JobStatus.Cancelled;
            _contest.Get<JobStore>().Update(first);
        });
        _limits.CheckEvaluation(team);
    }

    [Fact]
    public void Checks_ForOrganizers_AreExempt()
    {
        var organizer = _contest.Team("organizers", Role.Organizer);
        Uploaded(organizer, 2000);
        Uploaded(organizer, 10);
        Evaluation(organizer, JobStatus.Queued);
        Evaluation(organizer, JobStatus.Queued);

        _limits.CheckUpload(organizer, 10);
        _limits.CheckEvaluation(organizer);
        Assert.True(_limits.View(organizer).ToProto().Exempt);
    }

    [Fact]
    public void View_ShowsEveryLimitAndItsUsage()
    {
        var team = _contest.Team("both", Role.Defender, Role.Attacker);
        Uploaded(team, 300);
        Evaluation(team, JobStatus.Queued);
        _contest.Attack(team, Label.Bird);

        var view = _limits.View(team).ToProto();

        Assert.False(view.Exempt);
        Assert.Equal((10L, 1L, 9L), (view.AttackImages.Limit, view.AttackImages.Used, view.AttackImages.Remaining));
        Assert.Equal((2L, 1L, 1L), (view.DefenseUploads.Limit, view.DefenseUploads.Used, view.DefenseUploads.Remaining));
        Assert.Equal((2L, 1L, 1), (view.Evaluations.Limit, view.Evaluations.Used, view.EvaluationsQueued));
        Assert.Equal((1000L, 300L), (view.BytesStored.Limit, view.BytesStored.Used));
        Assert.Equal(new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc), view.DefenseUploads.ResetsAt.ToDateTime());
        Assert.Null(view.BytesStored.ResetsAt);
    }

    private void Uploaded(Caller team, long sizeBytes) => _contest.Db.Write(() =>
        _contest.Get<DefenseStore>().Insert(new DefenseRecord
        {
            Id = Ids.New("def"),
            Name = $"defense {Guid.NewGuid():N}"[..16],
            TeamId = team.TeamId,
            Sha256 = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'),
            SizeBytes = sizeBytes,
            CreatedAt = _contest.Now,
        }));

    private JobRecord Evaluation(Caller team, JobStatus status) => _contest.Db.Write(() =>
    {
        var job = new JobRecord { Id = Ids.New("job"), Kind = JobKind.Evaluate, TeamId = team.TeamId, DefenseId = "def_2222222222", Status = status, CreatedAt = _contest.Now };
        _contest.Get<JobStore>().Insert(job);
        return job;
    });
}
