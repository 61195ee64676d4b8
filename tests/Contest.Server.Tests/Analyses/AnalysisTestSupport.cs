using Contest.Contracts.V1;
using Contest.Server.Analyses;
using Contest.Server.Auth;
using Contest.Server.Evaluations;
using Contest.Server.Jobs;
using Contest.Server.References;
using Contest.Server.Tests.References;
using Contest.Server.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.Server.Tests.Analyses;

/// <summary>Runs label-DP sweeps the way an organizer and a worker would, without either.</summary>
internal static class AnalysisTestSupport
{
    /// <summary>The services as gRPC activates them per call.</summary>
    public static ReferenceServiceImpl References(TestContest contest) =>
        ActivatorUtilities.CreateInstance<ReferenceServiceImpl>(contest.Get<IServiceProvider>());

    public static JobServiceImpl Jobs(TestContest contest) =>
        ActivatorUtilities.CreateInstance<JobServiceImpl>(contest.Get<IServiceProvider>());

    /// <summary>A quick sweep over two epsilons, 3 images per class, one seed.</summary>
    public static RunAnalysisRequest Sweep(long seed = 5) => new()
    {
        Kind = AnalysisKind.LabelDpSweep,
        Seed = seed,
        Parameters = { ["epsilons"] = "1,inf", ["seeds"] = "1", ["images_per_class"] = "3" },
    };

    /// <summary>Queues a sweep as an organizer; returns its job.</summary>
    public static async Task<Job> RunAsync(TestContest contest, Caller organizer, RunAnalysisRequest? request = null) =>
        await References(contest).RunAnalysis(request ?? Sweep(), ReferenceTestSupport.CallOf(organizer));

    /// <summary>A worker's result: a summary, one table, notes, and the plot it uploaded.</summary>
    public static CompleteJobRequest Finished(JobRecord lease, params string[] artifacts)
    {
        var result = new AnalysisResult
        {
            Kind = AnalysisKind.LabelDpSweep,
            Notes = "LP-2ST warm-starts stage 2 from stage 1.",
            Summary = { ["lp2st_eps1_accuracy"] = 0.81, ["baseline_accuracy"] = 0.95 },
            Parameters = { ["device"] = "cpu", ["profile"] = "not the worker's to change" },
            Tables =
            {
                new ResultTable
                {
                    Name = "accuracy by epsilon",
                    Columns = { "epsilon", "method", "accuracy" },
                    Rows = { new ResultTableRow { Cells = { "1", "LP-2ST", "0.81" } }, new ResultTableRow { Cells = { "inf", "baseline", "0.95" } } },
                },
            },
        };
        result.Artifacts.AddRange(artifacts.Select(name => new Artifact { Name = name }));
        return new CompleteJobRequest { LeaseId = lease.LeaseId, Analysis = result };
    }

    /// <summary>Queues a sweep, leases it, attaches the plot and completes it; returns the job's id.</summary>
    public static async Task<string> FinishedAsync(TestContest contest, Caller organizer)
    {
        var job = await RunAsync(contest, organizer);
        var lease = ReferenceTestSupport.Lease(contest, JobKind.Analysis);
        ReferenceTestSupport.Attach(contest, lease, ("accuracy.png", [7, 8, 9]));
        var (accepted, message) = contest.Get<JobQueue>().Complete(Finished(lease, "accuracy.png"));
        Assert.True(accepted, message);
        return job.Id;
    }

    /// <summary>Collects what a server stream writes.</summary>
    public sealed class Written<T> : IServerStreamWriter<T>
    {
        public List<T> Messages { get; } = [];

        public WriteOptions? WriteOptions { get; set; }

        public Task WriteAsync(T message)
        {
            Messages.Add(message);
            return Task.CompletedTask;
        }
    }
}
