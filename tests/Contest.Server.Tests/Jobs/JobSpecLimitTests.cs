using Contest.Contracts.V1;
using Contest.Server.Jobs;
using Contest.Server.Tests.Support;

namespace Contest.Server.Tests.Jobs;

/// <summary>An evaluation's time and memory limits come from the server's options only: nothing a defender sends can raise them.</summary>
public sealed class JobSpecLimitTests : IDisposable
{
    private readonly TestContest _contest = new(("EvaluationSeconds", "600"), ("JobMemoryBytes", "1073741824"));

    public void Dispose() => _contest.Dispose();

    [Theory]
    [InlineData("clean", Profile.Standard, 0)]
    [InlineData("warmup", Profile.Standard, 0)]
    [InlineData("warmup", Profile.Quick, int.MaxValue)]
    [InlineData("clean", Profile.Quick, 1)]
    public void Build_AnyEvaluationADefenderCanAskFor_KeepsTheServersLimits(string suite, Profile profile, int limit)
    {
        var team = _contest.Team("defenders", Role.Defender);
        // A defender controls its defense too: a declared threshold and the model file's metadata.
        var defense = _contest.Defense(team, declared: 1e30f);
        var job = _contest.Db.Write(() => _contest.Get<JobQueue>().Enqueue(new JobRecord
        {
            Kind = JobKind.Evaluate, DefenseId = defense.Id, TeamId = team.TeamId, Suite = suite, Profile = profile, Limit = limit,
        }));

        var spec = _contest.Get<JobSpecBuilder>().Build(job);

        Assert.Equal(600, spec.Limits.WallSeconds);
        Assert.Equal(1L << 30, spec.Limits.MemoryBytes);
    }

    [Fact]
    public void CreateEvaluationRequest_HasNoFieldThatCouldCarryALimit()
    {
        // What a defender may send to start an evaluation; a new field here needs a look at JobSpecBuilder first.
        var fields = CreateEvaluationRequest.Descriptor.Fields.InDeclarationOrder().Select(f => f.Name);

        Assert.Equal(["defense_id", "suite", "profile", "limit"], fields);
    }

    [Fact]
    public void WallSecondsOf_EveryKind_IsTheServersOption()
    {
        var options = new JobOptions { ValidationSeconds = 1, EligibilitySeconds = 2, VerdictSeconds = 3, EvaluationSeconds = 4 };

        Assert.Equal([1, 2, 3, 4], new[] { JobKind.Validate, JobKind.Eligibility, JobKind.Verdict, JobKind.Evaluate }.Select(options.WallSecondsOf));
    }
}
