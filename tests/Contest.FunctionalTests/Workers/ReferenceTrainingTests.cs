using System.Diagnostics;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Server.Workers;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Workers;

/// <summary>
/// Reference models trained by real workers on a tiny generated dataset (the CPU ResNet at width 16,
/// a few epochs): the model becomes a baseline defense that is validated, judged and evaluated like an
/// upload and shows on the warm-up leaderboard beside the published rows; a worker killed mid-training
/// costs only the work since the last checkpoint.
/// </summary>
[Collection(WorkerCollection.Name)]
public class ReferenceTrainingTests
{
    private const string TinyData = "train=6,test=4,extras=6,eligibility=4";

    [Fact]
    public async Task TrainedReference_BecomesABaselineDefense_ValidatedJudgedAndQueuedForItsWarmupEvaluation()
    {
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--min-throughput", "1", "--dataset-per-class", TinyData);
        using var output = new TempDirectory("contest-reference");
        var references = server.References(server.OrganizerKey);
        var participant = await server.CreateTeamAsync("defenders", Role.Defender);

        var job = await references.TrainReferenceModelAsync(TinyRequest(epochs: 2));
        var trained = await Awaiting.JobFinishedAsync(server.Jobs(server.OrganizerKey), job.Id, TimeSpan.FromMinutes(4));

        Assert.True(trained.Status == JobStatus.Succeeded, (await server.Jobs(server.OrganizerKey).GetJobAsync(new GetJobRequest { JobId = job.Id })).Reason);
        // Everyone reads reference models.
        var reference = (await server.References(participant).ListReferenceModelsAsync(new ListReferenceModelsRequest())).Models.Single();
        Assert.Equal(ReferenceStatus.Ready, reference.Status);
        Assert.Equal([1, 2], reference.Curve.Select(e => e.Epoch));
        Assert.Equal("adversarial_pgd", reference.Parameters["recipe"]);
        Assert.Equal("16/255", reference.Parameters["epsilon"]);
        Assert.Equal("20", reference.Parameters["training_images"]);
        Assert.True(reference.Metrics.ContainsKey("train_accuracy"));
        Assert.Contains("safetensors", reference.Files);

        // The baseline's jobs are the organizers'; its record is public.
        var defense = await Awaiting.JudgedAsync(server, server.OrganizerKey, reference.DefenseId, TimeSpan.FromMinutes(3));
        Assert.True(defense.Baseline);
        Assert.True(defense.Open);
        Assert.Equal(ValidationStatus.Passed, defense.Validation.Status);
        Assert.NotEqual(EligibilityStatus.Pending, defense.Eligibility.Status);

        // The quick warm-up evaluation is queued for the baseline (its run takes minutes on two cores; the
        // leaderboard's baseline rows are covered by WarmupTableTests); the published rows are there from the start.
        reference = await references.GetReferenceModelAsync(new GetReferenceModelRequest { Id = reference.Id });
        Assert.NotEmpty(reference.EvaluationJobId);
        var evaluation = await server.Jobs(server.OrganizerKey).GetJobAsync(new GetJobRequest { JobId = reference.EvaluationJobId });
        Assert.Equal("warmup", evaluation.Suite);
        Assert.Equal(Profile.Quick, evaluation.Profile);
        var board = await server.Leaderboards(participant).GetWarmupLeaderboardAsync(new GetWarmupLeaderboardRequest { Profile = Profile.Quick });
        Assert.Equal(4, board.Published.Count);
        Assert.Contains(board.Published, p => p.Name.Contains("TRADESv2", StringComparison.Ordinal) && p.AccuracyAt80["clean"] == 1.0);

        // The weights, for PyTorch: safetensors begins with its header's length and a JSON header.
        var cli = new CliRunner(server);
        var safetensors = Path.Combine(output.Path, "baseline.safetensors");
        await cli.JsonAsync(participant, "reference", "download", reference.Id, "--file", "safetensors", "-o", safetensors);
        var bytes = await File.ReadAllBytesAsync(safetensors);
        var headerLength = BitConverter.ToInt64(bytes, 0);
        Assert.InRange(headerLength, 2, bytes.Length - 8);
        Assert.Contains("\"fc.weight\"", System.Text.Encoding.UTF8.GetString(bytes, 8, (int)headerLength));
    }

    [Fact]
    public async Task WorkerKilledMidTraining_TheNextAttemptResumesFromTheCheckpoint_AndOneModelIsRegistered()
    {
        // Leases lapse quickly, so the killed worker's job is queued again within seconds.
        await using var server = await TestServer.StartAsync(null, "--lease-seconds", "6", "--min-throughput", "1", "--dataset-per-class", TinyData);
        var workerKey = await server.CreateTeamAsync("trainers", Role.Worker);
        var jobs = server.Jobs(server.OrganizerKey);
        using var firstDir = new TempDirectory("contest-worker");
        using var first = StartWorker(server, workerKey, firstDir.Path, "first");
        const int epochs = 30;
        var job = await server.References(server.OrganizerKey).TrainReferenceModelAsync(TinyRequest(epochs));
        try
        {
            await Until(async () => (await jobs.GetJobAsync(new GetJobRequest { JobId = job.Id })).CheckpointAt is not null,
                TimeSpan.FromMinutes(3), "a checkpoint stored on the server");
            first.Kill(entireProcessTree: true);
        }
        finally
        {
            if (!first.HasExited)
                first.Kill(entireProcessTree: true);
        }
        var killedAt = await jobs.GetJobAsync(new GetJobRequest { JobId = job.Id });
        Assert.NotEqual(JobStatus.Succeeded, killedAt.Status);

        using var secondDir = new TempDirectory("contest-worker");
        using var second = StartWorker(server, workerKey, secondDir.Path, "second");
        try
        {
            var finished = await Awaiting.JobFinishedAsync(jobs, job.Id, TimeSpan.FromMinutes(5));
            Assert.True(finished.Status == JobStatus.Succeeded, (await jobs.GetJobAsync(new GetJobRequest { JobId = job.Id })).Reason);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
        }

        var done = await jobs.GetJobAsync(new GetJobRequest { JobId = job.Id });
        Assert.Equal(2, done.Attempts);
        var reference = (await server.References(server.OrganizerKey).ListReferenceModelsAsync(new ListReferenceModelsRequest())).Models.Single();
        Assert.StartsWith("epoch ", reference.Parameters["resumed_from"]);
        Assert.Equal(Enumerable.Range(1, epochs), reference.Curve.Select(e => e.Epoch));
        var defenses = await server.Defenses(server.OrganizerKey).ListDefensesAsync(new ListDefensesRequest());
        Assert.Single(defenses.Defenses, d => d.Baseline);
    }

    private static TrainReferenceModelRequest TinyRequest(int epochs) => new()
    {
        Kind = ReferenceKind.AdversarialPgd,
        Seed = 3,
        Training = new TrainingOptions { Epochs = epochs, BatchSize = 8, Width = 16, ExtrasPerClass = 4 },
        Adversarial = new AdversarialOptions { Steps = 1, CleanEpochs = 0, EpsilonWarmupEpochs = 1 },
    };

    private static Process StartWorker(TestServer server, string key, string workDirectory, string name)
    {
        var start = new ProcessStartInfo(EvaluatorLocator.DotnetHost())
        {
            ArgumentList = { EvaluatorLocator.Find("")!, "--server", server.Address, "--name", name, "--work-dir", workDirectory, "--no-verdict-lane" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CONTEST_WORKER_TOKEN"] = key;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}.");
            await Task.Delay(250);
        }
    }
}
