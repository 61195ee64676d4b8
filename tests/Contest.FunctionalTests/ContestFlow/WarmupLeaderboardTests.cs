using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;

namespace Contest.FunctionalTests.ContestFlow;

public class WarmupLeaderboardTests
{
    [Fact]
    public async Task WarmupEvaluations_FillTheLeaderboardByProfile_AndSeedsStayWithTheOrganizers()
    {
        await using var contest = await ContestScenario.StartAsync();
        var server = contest.Server;
        var defender = await server.CreateTeamAsync("defenders", Role.Defender);
        var defense = await contest.EligibleDefenseAsync(defender, "tiny_cnn.onnx", "alpha");
        var jobs = new JobService.JobServiceClient(server.Invoker(defender));

        var job = await jobs.CreateEvaluationAsync(new CreateEvaluationRequest { DefenseId = defense.Id, Suite = "warmup", Profile = Profile.Standard });
        var finished = await Awaiting.JobFinishedAsync(jobs, job.Id, TimeSpan.FromSeconds(30));
        Assert.Equal(JobStatus.Succeeded, finished.Status);

        var boards = new LeaderboardService.LeaderboardServiceClient(server.Invoker(defender));
        var standard = await boards.GetWarmupLeaderboardAsync(new GetWarmupLeaderboardRequest { Profile = Profile.Standard });
        var quick = await boards.GetWarmupLeaderboardAsync(new GetWarmupLeaderboardRequest { Profile = Profile.Quick });
        var row = Assert.Single(standard.Rows);
        Assert.Equal(defense.Id, row.DefenseId);
        Assert.True(row.Open);
        Assert.Equal(1.0, row.AccuracyAt80["clean"], 9);
        Assert.Equal(0.5, row.AccuracyAt80["pgd_linf"], 9);
        Assert.Equal(6, standard.Attacks.Count);
        Assert.Empty(quick.Rows);

        var defenderReport = await jobs.GetReportAsync(new GetReportRequest { JobId = job.Id });
        var organizerReport = await new JobService.JobServiceClient(server.Invoker(server.OrganizerKey)).GetReportAsync(new GetReportRequest { JobId = job.Id });
        Assert.All(defenderReport.Attacks, a => Assert.Equal(0, a.Seed));
        Assert.All(organizerReport.Attacks, a => Assert.NotEqual(0, a.Seed));
    }

    [Fact]
    public async Task Evaluation_OfAnotherTeamsDefense_IsRefused_AndOfAnUnvalidatedOneExplained()
    {
        await using var contest = await ContestScenario.StartAsync();
        var server = contest.Server;
        var owner = await server.CreateTeamAsync("owners", Role.Defender);
        var other = await server.CreateTeamAsync("others", Role.Defender);
        var defense = await contest.EligibleDefenseAsync(owner, "tiny_cnn.onnx", "alpha");

        var foreign = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await new JobService.JobServiceClient(server.Invoker(other)).CreateEvaluationAsync(new CreateEvaluationRequest { DefenseId = defense.Id }));
        var suite = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
            await new JobService.JobServiceClient(server.Invoker(owner)).CreateEvaluationAsync(new CreateEvaluationRequest { DefenseId = defense.Id, Suite = "everything" }));

        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, foreign.StatusCode);
        Assert.Contains("unknown suite 'everything'", suite.Status.Detail);
    }
}
