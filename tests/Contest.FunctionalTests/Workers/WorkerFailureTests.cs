using System.Diagnostics;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Server.Workers;
using Contest.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Contest.FunctionalTests.Workers;

[Collection(WorkerCollection.Name)]
public class WorkerFailureTests
{
    [Fact]
    public async Task WorkerKilledMidJob_TheJobFinishesOnTheRestartedWorker_WithOneResult()
    {
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--lease-seconds", "3");
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var defenses = server.Defenses(key);
        var pool = server.Services.GetRequiredService<LocalWorkerPool>();
        // slow.pt spends several seconds in each forward call: time enough to kill its worker mid-job.
        var defense = await Uploads.UploadAsync(defenses, TestPaths.BadDefense("slow.pt"), "slow");
        var jobs = server.Jobs(server.OrganizerKey);
        var jobId = defense.Validation.JobId;
        await Awaiting.JobAsync(jobs, jobId, p => p.Status == JobStatus.Running && p.Phase == "checking batch sizes",
            TimeSpan.FromMinutes(2), "the job running its batch-size checks");
        var victim = pool.ProcessIds["local-1"];

        Process.GetProcessById(victim).Kill();

        await Awaiting.JobFinishedAsync(jobs, jobId, TimeSpan.FromMinutes(3));
        var finished = await jobs.GetJobAsync(new GetJobRequest { JobId = jobId });
        Assert.Equal(JobStatus.Succeeded, finished.Status);
        Assert.Equal(2, finished.Attempts);
        Assert.NotEqual(victim, pool.ProcessIds["local-1"]);
        var judged = await defenses.GetDefenseAsync(new GetDefenseRequest { DefenseId = defense.Id });
        Assert.Equal(ValidationStatus.Failed, judged.Validation.Status);
        Assert.Contains("below the minimum", judged.Validation.Reason);
        Assert.Equal(jobId, judged.Validation.JobId);
    }

    [Fact]
    public async Task SecondWorkerStartedByHand_JobsSpreadOverBoth()
    {
        await using var server = await TestServer.StartAsync(null, "--workers", "1", "--min-throughput", "1");
        using var workDir = new TempDirectory("contest-worker");
        var workerKey = await server.CreateTeamAsync("gpu-workers", Role.Worker);
        var evaluator = EvaluatorLocator.Find("")!;
        var start = new ProcessStartInfo(EvaluatorLocator.DotnetHost())
        {
            ArgumentList = { evaluator, "--server", server.Address, "--name", "by-hand", "--work-dir", workDir.Path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CONTEST_WORKER_TOKEN"] = workerKey;
        var localRegistered = server.Log.WaitForAsync(line => line.Contains("[local-1]", StringComparison.Ordinal) && line.Contains("Registered as worker", StringComparison.Ordinal));
        var byHandRegistered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var byHand = Process.Start(start)!;
        try
        {
            byHand.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Contains("Registered as worker", StringComparison.Ordinal) == true)
                    byHandRegistered.TrySetResult();
            };
            byHand.ErrorDataReceived += (_, _) => { };
            byHand.BeginOutputReadLine();
            byHand.BeginErrorReadLine();
            await Task.WhenAll(localRegistered, byHandRegistered.Task).WaitAsync(TimeSpan.FromMinutes(1));

            var key = await server.CreateTeamAsync("defenders", Role.Defender);
            var defenses = server.Defenses(key);
            var uploaded = new List<Defense>();
            foreach (var file in new[] { "tiny_cnn_scripted.pt", "tiny_cnn_traced.pt", "normalized_wrapper_scripted.pt", "tiny_cnn.onnx" })
                uploaded.Add(await Uploads.UploadAsync(defenses, TestPaths.GoodDefense(file), file));
            foreach (var defense in uploaded)
                await Awaiting.ValidatedAsync(server, key, defense.Id, TimeSpan.FromMinutes(3));

            var registry = server.Services.GetRequiredService<WorkerRegistry>();
            var names = new HashSet<string>();
            foreach (var defense in uploaded)
            {
                var job = await server.Jobs(server.OrganizerKey).GetJobAsync(new GetJobRequest { JobId = defense.Validation.JobId });
                names.Add(registry.Find(job.WorkerId)!.Name);
            }
            Assert.Contains("by-hand", names);
            Assert.Contains("local-1", names);
        }
        finally
        {
            byHand.Kill(entireProcessTree: true);
        }
    }
}
