using System.Diagnostics;
using System.Security.Cryptography;
using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using Contest.Tests.Shared;
using Grpc.Core;
using Xunit.Abstractions;

namespace Contest.FunctionalTests.Chaos;

/// <summary>
/// The real server in its own process, under a mixed load (teams, defense uploads, evaluations, and
/// validation, eligibility and evaluation jobs answered by a scripted worker), killed with SIGKILL at random moments and
/// restarted, again and again. After every restart, everything the server acknowledged is there,
/// once: teams, defenses and their blobs, and completed jobs, which are never done twice. The seed is
/// printed; CONTEST_CHAOS_SEED=N replays a run.
/// </summary>
[Collection(ChaosCollection.Name)]
public class ChaosTests(ITestOutputHelper output)
{
    private const int Cycles = 20;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    internal static bool IsCutByTheKill(RpcException e) =>
        e.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled ||
        (e.StatusCode == StatusCode.Internal && !e.Status.Detail.Contains("storage failed", StringComparison.Ordinal));

    [Fact]
    public async Task KillNine_AtRandomMomentsUnderLoad_LosesNothingAcknowledgedAndDoesNothingTwice()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CONTEST_CHAOS_SEED"), out var given) ? given : 20261202;
        output.WriteLine($"chaos seed {seed} (replay with CONTEST_CHAOS_SEED={seed})");
        var random = new Random(seed);
        using var data = new TempDirectory("contest-chaos");
        var ledger = new ChaosLedger();
        var clock = Stopwatch.StartNew();
        string organizerKey = "", workerKey = "";

        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            using var server = await ServerProcess.StartAsync(data.Path, StartTimeout, "--lease-seconds", "2");
            if (cycle == 0)
            {
                organizerKey = (await File.ReadAllTextAsync(Path.Combine(data.Path, "organizer.key"))).Trim();
                workerKey = await CreateWorkerTeamAsync(server.Address, organizerKey);
            }
            Assert.Contains($"\"Pid\":{server.Pid}", await File.ReadAllTextAsync(Path.Combine(data.Path, DataDirectoryLock.OwnerFileName)));
            await VerifyAsync(server.Address, organizerKey, data.Path, ledger, checkKeys: false);

            using var stop = new CancellationTokenSource();
            var clients = new ChaosClients(server.Address, organizerKey, ledger, cycle);
            var load = Task.WhenAll(
                clients.RunAsync(defenders: 3, stop.Token),
                ChaosWorker.RunAsync(server.Address, workerKey, organizerKey, ledger, stop.Token));
            // The random moment is counted from the first acknowledgement, so a slow machine still kills a busy server.
            await clients.Serving.WaitAsync(StartTimeout);
            var life = random.Next(300, 1500);
            await Task.Delay(life);
            await server.KillAsync();
            await stop.CancelAsync();
            await load.WaitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"cycle {cycle}: killed pid {server.Pid} after {life} ms under load; acknowledged so far: " +
                $"{ledger.Teams.Count} teams, {ledger.Defenses.Count} defenses, {ledger.Evaluations.Count} evaluations, " +
                $"{ledger.CompletedJobs.Count} completed jobs; {ledger.Interrupted} calls cut");
        }

        using (var last = await ServerProcess.StartAsync(data.Path, StartTimeout, "--lease-seconds", "2"))
        {
            using var stop = new CancellationTokenSource();
            var worker = ChaosWorker.RunAsync(last.Address, workerKey, organizerKey, ledger, stop.Token);
            await AllJobsFinishedAsync(last.Address, organizerKey, TimeSpan.FromSeconds(30));
            await stop.CancelAsync();
            await worker.WaitAsync(TimeSpan.FromSeconds(30));
            await VerifyAsync(last.Address, organizerKey, data.Path, ledger, checkKeys: true);
            var jobs = await ListJobsAsync(last.Address, organizerKey);
            foreach (var defense in ledger.Defenses.Keys)
            {
                // Every acknowledged upload was validated and judged, each exactly once: no job lost, none duplicated.
                Assert.Single(jobs, j => j.DefenseId == defense && j.Kind == JobKind.Validate && j.Status == JobStatus.Succeeded);
                Assert.Single(jobs, j => j.DefenseId == defense && j.Kind == JobKind.Eligibility && j.Status == JobStatus.Succeeded);
            }
            foreach (var (job, defense) in ledger.Evaluations)
                Assert.Single(jobs, j => j.Id == job && j.DefenseId == defense && j.Kind == JobKind.Evaluate && j.Status == JobStatus.Succeeded);
        }
        output.WriteLine($"{Cycles} kill -9 cycles in {clock.Elapsed.TotalSeconds:F0} s: {ledger.Teams.Count} teams, {ledger.Defenses.Count} defenses, {ledger.Evaluations.Count} evaluations, " +
            $"{ledger.CompletedJobs.Count} acknowledged job completions, {ledger.Interrupted} calls cut by kills, nothing lost");
        Assert.True(ledger.Unexpected.IsEmpty, string.Join("\n", ledger.Unexpected));
        Assert.True(ledger.Defenses.Count >= Cycles / 4, $"only {ledger.Defenses.Count} uploads were acknowledged: the load is too light to mean anything");
        Assert.NotEmpty(ledger.CompletedJobs);
    }

    private static async Task VerifyAsync(string address, string organizerKey, string dataDirectory, ChaosLedger ledger, bool checkKeys)
    {
        using var channel = new ContestChannel(address, organizerKey, 64 << 20);
        var teams = (await new TeamService.TeamServiceClient(channel.Invoker).ListTeamsAsync(new ListTeamsRequest())).Teams;
        foreach (var name in ledger.Teams.Keys)
            Assert.True(teams.Count(t => t.Name == name) == 1, $"acknowledged team {name} is not there exactly once");

        var defenses = (await new DefenseService.DefenseServiceClient(channel.Invoker)
            .ListDefensesAsync(new ListDefensesRequest { IncludeWithdrawn = true })).Defenses.ToDictionary(d => d.Id);
        foreach (var (id, sha256) in ledger.Defenses)
        {
            Assert.True(defenses.TryGetValue(id, out var defense), $"acknowledged defense {id} is missing");
            Assert.Equal(sha256, defense.Sha256);
            var blob = Path.Combine(dataDirectory, "blobs", "sha256", sha256[..2], sha256);
            Assert.True(File.Exists(blob), $"the blob of defense {id} is missing");
            Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(blob))));
        }

        var jobs = (await ListJobsAsync(address, organizerKey)).ToDictionary(j => j.Id);
        foreach (var (id, times) in ledger.CompletedJobs)
        {
            Assert.True(times == 1, $"job {id} was completed {times} times");
            Assert.True(jobs.TryGetValue(id, out var job) && job.Status == JobStatus.Succeeded, $"acknowledged completion of job {id} is lost");
        }
        foreach (var (id, defense) in ledger.Evaluations)
            Assert.True(jobs.TryGetValue(id, out var evaluation) && evaluation.DefenseId == defense, $"acknowledged evaluation {id} is lost");
        foreach (var group in jobs.Values.GroupBy(j => (j.DefenseId, j.Kind)))
            Assert.True(group.Count() == 1, $"defense {group.Key.DefenseId} has {group.Count()} {group.Key.Kind} jobs");

        if (!checkKeys)
            return;
        foreach (var (name, key) in ledger.Teams)
        {
            using var own = new ContestChannel(address, key, 1 << 20);
            var me = await new TeamService.TeamServiceClient(own.Invoker).WhoAmIAsync(new WhoAmIRequest());
            Assert.Equal(name, me.Team.Name);
        }
    }

    private static async Task<IReadOnlyList<Job>> ListJobsAsync(string address, string organizerKey)
    {
        using var channel = new ContestChannel(address, organizerKey, 64 << 20);
        return (await new JobService.JobServiceClient(channel.Invoker).ListJobsAsync(new ListJobsRequest { Limit = 100_000 })).Jobs;
    }

    private static async Task AllJobsFinishedAsync(string address, string organizerKey, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var open = (await ListJobsAsync(address, organizerKey)).Count(j => j.Status is JobStatus.Queued or JobStatus.Running);
            if (open == 0)
                return;
            if (deadline.Elapsed > timeout)
                Assert.Fail($"{open} jobs still open {timeout.TotalSeconds:F0} s after the last restart");
            await Task.Delay(200);
        }
    }

    private static async Task<string> CreateWorkerTeamAsync(string address, string organizerKey)
    {
        using var channel = new ContestChannel(address, organizerKey, 1 << 20);
        var response = await new TeamService.TeamServiceClient(channel.Invoker)
            .CreateTeamAsync(new CreateTeamRequest { Name = "chaos-workers", Roles = { Role.Worker } });
        return response.Key;
    }
}
