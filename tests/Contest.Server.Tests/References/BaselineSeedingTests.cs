using Contest.Contracts.V1;
using Contest.Server.Hosting;
using Contest.Server.Jobs;
using Contest.Server.References;
using Contest.Server.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Server.Tests.References;

public sealed class BaselineSeedingTests
{
    [Fact]
    public void QueueOnce_FirstStart_QueuesTheQuickUndefendedAndAdversarialBaselines()
    {
        using var contest = new TestContest();

        var queued = contest.Get<BaselineSeeding>().QueueOnce();

        Assert.Equal(["baseline-undefended", "baseline-adversarial_pgd"], queued.Select(r => r.Name));
        Assert.All(queued, r => Assert.True(r.BuiltIn && r.Seed == 0 && r.Profile == TrainingProfile.Quick));
        Assert.Equal(2, TrainingJobs(contest));
    }

    [Fact]
    public void QueueOnce_AgainOrAfterARestart_QueuesNothing()
    {
        using var contest = new TestContest();
        contest.Get<BaselineSeeding>().QueueOnce();

        var again = contest.Get<BaselineSeeding>().QueueOnce();
        // A restart reads the same records with new services: the marker is in the database.
        var restarted = ActivatorUtilities.CreateInstance<BaselineSeeding>(contest.Get<IServiceProvider>()).QueueOnce();

        Assert.Empty(again);
        Assert.Empty(restarted);
        Assert.Equal(2, TrainingJobs(contest));
    }

    [Fact]
    public void QueueOnce_NoBaselines_QueuesNothing()
    {
        using var contest = new TestContest(("NoBaselines", "true"));

        Assert.Empty(contest.Get<BaselineSeeding>().QueueOnce());
        Assert.Equal(0, TrainingJobs(contest));
        Assert.Empty(contest.Get<ReferenceStore>().Newest());
    }

    [Theory]
    [InlineData(new[] { "--no-baselines" }, true)]
    [InlineData(new[] { "--no-baselines", "--workers", "2" }, true)]
    [InlineData(new[] { "--workers", "2" }, false)]
    public void NoBaselines_AsFlag_BindsToReferenceOptions(string[] args, bool expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddCommandLine(ServerCommandLine.WithFlagValues(args), ServerCommandLine.SwitchMappings)
            .Build();

        var options = configuration.GetSection("Contest").Get<ReferenceOptions>() ?? new ReferenceOptions();

        Assert.Equal(expected, options.NoBaselines);
        Assert.Contains("--no-baselines", ServerCommandLine.HelpText, StringComparison.Ordinal);
    }

    private static int TrainingJobs(TestContest contest) => contest.Get<JobStore>().Newest(null).Count(j => j.Kind == JobKind.TrainReference);
}
