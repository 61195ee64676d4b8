using System.Diagnostics;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Server.Workers;
using Contest.Tests.Shared;

namespace Contest.FunctionalTests.Workers;

/// <summary>A worker stopped with SIGTERM hands its running job back: queued again at once, for another worker.</summary>
[Collection(WorkerCollection.Name)]
public class WorkerShutdownTests
{
    [Fact]
    public async Task WorkerStoppedMidJob_HandsTheJobBack_AndAnotherWorkerFinishesIt()
    {
        // A lease of 10 minutes: the job can only come back through the hand-back, never by the lease lapsing.
        await using var server = await TestServer.StartAsync(null, "--lease-seconds", "600");
        using var workDir = new TempDirectory("contest-worker");
        var workerKey = await server.CreateTeamAsync("gpu-workers", Role.Worker);
        var key = await server.CreateTeamAsync("defenders", Role.Defender);
        var jobs = server.Jobs(server.OrganizerKey);
        var start = new ProcessStartInfo(EvaluatorLocator.DotnetHost())
        {
            ArgumentList = { EvaluatorLocator.Find("")!, "--server", server.Address, "--name", "stopping", "--work-dir", workDir.Path, "--no-verdict-lane" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CONTEST_WORKER_TOKEN"] = workerKey;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var worker = Process.Start(start)!;
        try
        {
            worker.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
            worker.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
            worker.BeginOutputReadLine();
            worker.BeginErrorReadLine();
            // slow.pt spends several seconds in each forward call: the job is mid-run when the worker is stopped.
            var defense = await Uploads.UploadAsync(server.Defenses(key), TestPaths.BadDefense("slow.pt"), "slow");
            var jobId = defense.Validation.JobId;
            await Awaiting.JobAsync(jobs, jobId, p => p.Status == JobStatus.Running && p.Phase == "checking batch sizes",
                TimeSpan.FromMinutes(2), "the job running its batch-size checks");
            var queuedAgain = Awaiting.JobAsync(jobs, jobId, p => p.Status == JobStatus.Queued, TimeSpan.FromMinutes(1), "the job queued again");

            Assert.Equal(0, SendSignal(worker.Id, SigTerm));

            await worker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var queued = await queuedAgain;
            Assert.Equal("queued", queued.Phase);
            var handedBack = await jobs.GetJobAsync(new GetJobRequest { JobId = jobId });
            Assert.Equal(JobStatus.Queued, handedBack.Status);
            Assert.Equal(0, handedBack.Attempts);
            Assert.Contains("handed it back: the worker is stopping", handedBack.Reason);
            Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(30)), "the worker's output did not close after it exited");
            Assert.Contains(output, line => line.Contains($"Stopping: job {jobId} killed and handed back to the server, queued again", StringComparison.Ordinal));
            Assert.Contains(output, line => line.Contains("Worker stopped", StringComparison.Ordinal));

            await using var another = await ScriptedWorker.StartAsync(server, _ => [0f, 0f]);
            var finished = await Awaiting.JobFinishedAsync(jobs, jobId, TimeSpan.FromMinutes(1));
            Assert.Equal(JobStatus.Succeeded, finished.Status);
            Assert.Equal(1, (await jobs.GetJobAsync(new GetJobRequest { JobId = jobId })).Attempts);
        }
        finally
        {
            if (!worker.HasExited)
                worker.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task ServerStoppedWhileItsLocalWorkerRunsAJob_TheJobIsQueuedAtRestart_AndAnotherWorkerFinishesIt()
    {
        using var data = new TempDirectory("contest-stop");
        string jobId;
        // A lease of 10 minutes: after the restart the job can be queued only because it was handed back.
        await using (var server = await TestServer.StartAsync(data.Path, "--workers", "1", "--lease-seconds", "600"))
        {
            var key = await server.CreateTeamAsync("defenders", Role.Defender);
            var defense = await Uploads.UploadAsync(server.Defenses(key), TestPaths.BadDefense("slow.pt"), "slow");
            jobId = defense.Validation.JobId;
            await Awaiting.JobAsync(server.Jobs(server.OrganizerKey), jobId, p => p.Status == JobStatus.Running && p.Phase == "checking batch sizes",
                TimeSpan.FromMinutes(2), "the job running its batch-size checks");

            await server.StopAsync();

            // Said before StopAsync returned: the worker was stopped (or killed) with the server.
            Assert.True(server.Log.WaitForAsync(line => line.Contains("Stopping: local worker local-1", StringComparison.Ordinal)).IsCompleted);
        }

        await using var restarted = await TestServer.StartAsync(data.Path, "--lease-seconds", "600");
        var jobs = restarted.Jobs(restarted.OrganizerKey);
        var handedBack = await jobs.GetJobAsync(new GetJobRequest { JobId = jobId });
        Assert.Equal(JobStatus.Queued, handedBack.Status);
        Assert.Equal(0, handedBack.Attempts);
        Assert.Contains("handed it back: the server is stopping", handedBack.Reason);
        await using var another = await ScriptedWorker.StartAsync(restarted, _ => [0f, 0f]);
        var finished = await Awaiting.JobFinishedAsync(jobs, jobId, TimeSpan.FromMinutes(1));
        Assert.Equal(JobStatus.Succeeded, finished.Status);
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
