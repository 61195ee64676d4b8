using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Server.Auth;
using Contest.Server.Jobs;
using Contest.Tests.Shared;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Contest.FunctionalTests.Limits;

/// <summary>WatchJob checks the id's shape and the caller's access before it subscribes, and leaves nothing behind.</summary>
[Collection(MemoryMeasureCollection.Name)]
public class WatchJobTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WatchJob_MalformedId_IsInvalidArgumentAndSubscribesNothing()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateTeamAsync("curious", Role.Defender);

        var refused = await Assert.ThrowsAsync<RpcException>(() => FirstOfAsync(server.Jobs(key), "../../etc/passwd"));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("is not a job id", refused.Status.Detail);
        Assert.Equal(0, server.Services.GetRequiredService<JobEvents>().WatchedJobs);
    }

    [Fact]
    public async Task WatchJob_AnotherTeamsJob_IsNotFoundAndSubscribesNothing()
    {
        await using var server = await TestServer.StartAsync();
        var owner = await server.CreateTeamAsync("owner", Role.Defender);
        var stranger = await server.CreateTeamAsync("stranger", Role.Defender);
        var defense = await Uploads.UploadAsync(server.Defenses(owner), TestPaths.GoodDefense("tiny_cnn.onnx"), "mine");

        var refused = await Assert.ThrowsAsync<RpcException>(() => FirstOfAsync(server.Jobs(stranger), defense.Validation.JobId));

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.Equal(0, server.Services.GetRequiredService<JobEvents>().WatchedJobs);
    }

    [Fact]
    public async Task WatchJob_StreamEnding_RemovesItsEntryAndGivesItsPlaceBack()
    {
        await using var server = await TestServer.StartAsync(null, "--max-streams-per-key", "1");
        var key = await server.CreateTeamAsync("watcher", Role.Defender);
        var defense = await Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn.onnx"), "watched");
        var events = server.Services.GetRequiredService<JobEvents>();
        var streams = server.Services.GetRequiredService<StreamGuard>();

        using (var watch = server.Jobs(key).WatchJob(new WatchJobRequest { JobId = defense.Validation.JobId }))
        {
            Assert.True(await watch.ResponseStream.MoveNext());
            Assert.Equal(1, events.WatchedJobs);
            // The one stream this key may hold is taken: a second watch of the same job is refused.
            var second = await Assert.ThrowsAsync<RpcException>(() => FirstOfAsync(server.Jobs(key), defense.Validation.JobId));
            Assert.Equal(StatusCode.ResourceExhausted, second.StatusCode);
        }

        await StreamCounts.SettlesAsync(() => events.WatchedJobs == 0 && streams.OpenFor(StreamCounts.KeyIdOf(server, key)) == 0);
        Assert.Equal(JobStatus.Queued, (await FirstOfAsync(server.Jobs(key), defense.Validation.JobId)).Status);
    }

    /// <summary>
    /// The acceptance measure: 10,000 WatchJob calls with random ids (half of them malformed, up to 4 KiB,
    /// half well-formed ids of no job) leave no entry and the server's managed memory where it was.
    /// </summary>
    [Fact]
    public async Task WatchJob_TenThousandRandomIds_LeaveNoEntryAndMemoryWhereItWas()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateTeamAsync("prober", Role.Defender);
        var jobs = server.Jobs(key);
        var events = server.Services.GetRequiredService<JobEvents>();
        // Warm up the channel and the server's code paths before the first measurement.
        await ProbeAsync(jobs, 200);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var (invalid, notFound) = await ProbeAsync(jobs, 10_000);

        var after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"10000 WatchJob calls: {invalid} InvalidArgument, {notFound} NotFound; JobEvents entries after: {events.WatchedJobs}; " +
            $"managed memory before {before} bytes, after {after} bytes, change {after - before} bytes");
        Assert.Equal(10_000, invalid + notFound);
        Assert.Equal(0, events.WatchedJobs);
        // Entries kept per id would cost well over 1 KiB each (10+ MiB in all); allow noise well below that.
        Assert.True(after - before < 4 << 20, $"managed memory grew by {after - before} bytes");
    }

    private static async Task<(int Invalid, int NotFound)> ProbeAsync(JobService.JobServiceClient jobs, int calls)
    {
        var invalid = 0;
        var notFound = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, calls), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            try
            {
                await FirstOfAsync(jobs, RandomId(i));
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
            {
                Interlocked.Increment(ref invalid);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
            {
                Interlocked.Increment(ref notFound);
            }
        });
        return (invalid, notFound);
    }

    private static string RandomId(int i)
    {
        if (i % 2 == 0)
            return "job_" + string.Concat(Enumerable.Range(0, 10).Select(_ => "abcdefghijkmnpqrstuvwxyz23456789"[Random.Shared.Next(32)]));
        var junk = new char[Random.Shared.Next(1, 4096)];
        for (var c = 0; c < junk.Length; c++)
            junk[c] = (char)Random.Shared.Next('!', '~' + 1);
        return new string(junk);
    }

    private static async Task<JobProgress> FirstOfAsync(JobService.JobServiceClient jobs, string jobId)
    {
        using var call = jobs.WatchJob(new WatchJobRequest { JobId = jobId });
        Assert.True(await call.ResponseStream.MoveNext());
        return call.ResponseStream.Current;
    }
}
