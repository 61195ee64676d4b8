using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Chaos;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Grpc.Core;

namespace Contest.FunctionalTests.Api;

/// <summary>SIGTERM stops the real server process promptly, saying what it does, and leaves its data directory free.</summary>
[Collection(ChaosCollection.Name)]
public class ShutdownTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Only keeps a hung server from hanging the suite; how fast it stops is measured apart (README, "Stopping").
    private static readonly TimeSpan ExitGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task IdleServer_OnSigterm_ExitsZeroNamingEachStep_AndAnotherServerCanTakeItsDataDirectory()
    {
        using var data = new TempDirectory("contest-stop");
        using (var server = await ServerProcess.StartAsync(data.Path, StartTimeout))
        {
            Assert.Equal(0, await server.TerminateAsync(ExitGuard));

            var output = server.Output;
            string[] steps =
            [
                "Stopping: 0 open call(s), of which 0 waiting lease call(s) and 0 stream(s); 0 local worker(s); 0 job lease(s) held",
                "Stopping: waiting lease calls answered with no job, 0 stream(s) ended (Unavailable), 0 job(s) of local workers handed back",
                "Stopping: waiting for 0 open call(s) to finish (at most 10 s)",
                "Automatic backup at shutdown",
                "Stopping: calls, workers and backup done in",
                $"Stopping: records checkpointed, contest.db closed in {data.Path}",
            ];
            var at = steps.Select(step => output.IndexOf(step, StringComparison.Ordinal)).ToList();
            Assert.All(at, (index, i) => Assert.True(index >= 0, $"missing step '{steps[i]}' in:\n{output}"));
            Assert.Equal(at.Order().ToList(), at);
        }

        using var next = await ServerProcess.StartAsync(data.Path, StartTimeout);
        Assert.Contains("Contest server listening on", next.Output);
    }

    [Fact]
    public async Task StreamsOpenAtShutdown_EndWithUnavailableSayingTheServerIsStopping()
    {
        using var data = new TempDirectory("contest-stop");
        using var server = await ServerProcess.StartAsync(data.Path, StartTimeout);
        var organizer = (await File.ReadAllTextAsync(Path.Combine(data.Path, "organizer.key"))).Trim();
        using var channel = new ContestChannel(server.Address, organizer, 32 << 20);
        // No worker: the defense's validation job stays queued, so its WatchJob stream stays open.
        var defense = await Uploads.UploadAsync(new DefenseService.DefenseServiceClient(channel.Invoker), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), "tiny");
        using var watch = new NotificationService.NotificationServiceClient(channel.Invoker).Watch(new WatchRequest());
        await watch.ResponseHeadersAsync;
        using var job = new JobService.JobServiceClient(channel.Invoker).WatchJob(new WatchJobRequest { JobId = defense.Validation.JobId });
        Assert.True(await job.ResponseStream.MoveNext());
        Assert.Equal(JobStatus.Queued, job.ResponseStream.Current.Status);

        var exited = server.TerminateAsync(ExitGuard);

        var watchEnded = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext());
        var jobEnded = await Assert.ThrowsAsync<RpcException>(() => job.ResponseStream.MoveNext());
        Assert.Equal(0, await exited);
        foreach (var ended in new[] { watchEnded, jobEnded })
        {
            Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
            Assert.Contains("the server is stopping", ended.Status.Detail);
        }
        Assert.Contains("2 stream(s) ended (Unavailable)", server.Output);
    }
}
