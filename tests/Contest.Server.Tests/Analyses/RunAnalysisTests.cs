using System.Reflection;
using Contest.Contracts.V1;
using Contest.Server.Analyses;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Jobs;
using Contest.Server.References;
using Contest.Server.Teams;
using Contest.Server.Tests.References;
using Contest.Server.Tests.Support;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.Server.Tests.Analyses;

public sealed class RunAnalysisTests : IDisposable
{
    private readonly TestContest _contest = new();
    private readonly Caller _organizer;

    public RunAnalysisTests() => _organizer = _contest.Team("orga", Role.Organizer);

    public void Dispose() => _contest.Dispose();

    [Fact]
    public void RunAnalysis_AdmitsOrganizersOnly_ListAndGetEveryParticipant()
    {
        var run = RuleOf(nameof(ReferenceServiceImpl.RunAnalysis));

        Assert.True(run.Admits(Caller(Role.Organizer)));
        Assert.False(run.Admits(Caller(Role.Defender)));
        Assert.False(run.Admits(Caller(Role.Attacker, Role.Reviewer)));
        Assert.False(run.Admits(Caller(Role.Worker)));
        Assert.True(RuleOf(nameof(ReferenceServiceImpl.ListAnalyses)).Admits(Caller(Role.Attacker)));
        Assert.True(RuleOf(nameof(ReferenceServiceImpl.GetAnalysis)).Admits(Caller(Role.Reviewer)));
    }

    [Theory]
    [InlineData("epsilons", "1,abc", "epsilons must be numbers or inf separated by commas; 'abc' is neither.")]
    [InlineData("seeds", "0", "seeds must be a whole number from 1 to 20, not '0'.")]
    [InlineData("images_per_class", "0", "images_per_class must be -1 (all) or 1 or more.")]
    [InlineData("learning_rate", "1", "unknown parameter 'learning_rate'; the label-DP sweep takes: profile, epsilons")]
    public async Task RunAnalysis_BadParameter_InvalidArgumentWithTheSettingsMessage_AndNothingQueued(string name, string value, string message)
    {
        var request = AnalysisTestSupport.Sweep();
        request.Parameters[name] = value;

        var error = await Assert.ThrowsAsync<RpcException>(() => AnalysisTestSupport.RunAsync(_contest, _organizer, request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith($"cannot run the label_dp_sweep analysis: {message}", error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(_contest.Get<AnalysisStore>().Newest(AnalysisKind.Unspecified));
        Assert.Empty(_contest.Get<JobStore>().Newest(null));
    }

    [Fact]
    public async Task RunAnalysis_KindNotRunHere_UnimplementedNamingTheKindsAvailable()
    {
        var request = new RunAnalysisRequest { Kind = AnalysisKind.Memorization };

        var unavailable = await Assert.ThrowsAsync<RpcException>(() => AnalysisTestSupport.RunAsync(_contest, _organizer, request));
        var unnamed = await Assert.ThrowsAsync<RpcException>(() => AnalysisTestSupport.RunAsync(_contest, _organizer, new RunAnalysisRequest()));

        Assert.Equal(StatusCode.Unimplemented, unavailable.StatusCode);
        Assert.Equal("the memorization analysis is not available on this server yet; it runs: label_dp_sweep.", unavailable.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, unnamed.StatusCode);
        Assert.Equal("name an analysis kind; this server runs: label_dp_sweep.", unnamed.Status.Detail);
    }

    [Fact]
    public async Task RunAnalysis_SweepGivenADefenseOrAnImage_InvalidArgument()
    {
        var withDefense = AnalysisTestSupport.Sweep();
        withDefense.DefenseIds.Add("def_aaaaaaaaaa");
        var withImage = AnalysisTestSupport.Sweep();
        withImage.Image = ByteString.CopyFrom(1, 2, 3);

        var defense = await Assert.ThrowsAsync<RpcException>(() => AnalysisTestSupport.RunAsync(_contest, _organizer, withDefense));
        var image = await Assert.ThrowsAsync<RpcException>(() => AnalysisTestSupport.RunAsync(_contest, _organizer, withImage));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (defense.StatusCode, image.StatusCode));
        Assert.Contains("takes no defenses", defense.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("takes no input image", image.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAnalysis_Organizer_QueuesAnAnalysisJobForTheOrganizersTeam_WithItsRecordSpecAndAuditEntry()
    {
        var job = await AnalysisTestSupport.RunAsync(_contest, _organizer);

        var stored = _contest.Get<JobStore>().Find(job.Id)!;
        Assert.Equal((JobKind.Analysis, JobStatus.Queued), (stored.Kind, stored.Status));
        Assert.Equal(OrganizerKeyFile.TeamName, _contest.Get<Identities>().TeamName(stored.TeamId));
        var analysis = _contest.Get<AnalysisStore>().Find(job.Id)!;
        Assert.Equal((AnalysisKind.LabelDpSweep, 5L, JobStatus.Queued, _contest.Now), (analysis.Kind, analysis.Seed, analysis.Status, analysis.CreatedAt));
        Assert.Equal(("1,inf", "3", "quick"), (analysis.Parameters["epsilons"], analysis.Parameters["images_per_class"], analysis.Parameters["profile"]));
        var spec = _contest.Get<JobSpecBuilder>().Build(stored);
        Assert.Equal((AnalysisKind.LabelDpSweep, 5L, "1,inf"), (spec.Analysis.Kind, spec.Analysis.Seed, spec.Analysis.Parameters["epsilons"]));
        var audit = Assert.Single(_contest.Get<AuditLog>().Newest("analysis.run", 10));
        Assert.Equal(($"job/{job.Id}", "label_dp_sweep", "5"), (audit.Target, audit.Details["kind"], audit.Details["seed"]));
    }

    private static RequireRoleAttribute RuleOf(string method) =>
        typeof(ReferenceServiceImpl).GetMethod(method)!.GetCustomAttribute<RequireRoleAttribute>()!;

    private static Caller Caller(params Role[] roles) => new("team_x", "x", roles.ToHashSet(), "key_x");
}
