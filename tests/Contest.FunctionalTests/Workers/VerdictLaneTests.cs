using System.Diagnostics;
using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Tests.Shared;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Contest.FunctionalTests.Workers;

/// <summary>
/// Capacity kept for verdicts: two teams fill every general slot with long evaluations (and use their
/// uploads), yet an attack submission gets its verdicts within its deadline, through the worker's
/// verdict lane. Measured on 2 shared cores: 2 verdicts in 4.7 s with the lane; with the lane off
/// (--verdict-lane false) none in time, the submission dropped at its 60 s deadline.
/// </summary>
[Collection(WorkerCollection.Name)]
public class VerdictLaneTests(ITestOutputHelper output)
{
    // A short verdict deadline (verdict time + lease + 30 s = 60 s), so the baseline does not wait long.
    private static readonly string[] Settings =
    [
        "--workers", "1", "--min-throughput", "1", "--daily-defense-uploads", "1", "--max-team-evaluations", "1",
        "--lease-seconds", "10", "--Contest:VerdictSeconds", "20", "--dataset-per-class", "train=2,test=60,extras=0,eligibility=4",
    ];

    [Fact]
    public async Task SubmitAttack_EveryGeneralSlotBusyWithEvaluations_GetsItsVerdictsThroughTheLane()
    {
        var (latency, verdicts) = await SubmitUnderLoadAsync();

        output.WriteLine($"with the verdict lane: 2 verdicts wanted, {verdicts} in, after {latency.TotalSeconds:F1} s (deadline 60 s)");
        Assert.Equal(2, verdicts);
        Assert.True(latency < TimeSpan.FromSeconds(60), $"verdicts took {latency.TotalSeconds:F1} s");
    }

    /// <summary>The load, then one submission against both defenses. To measure the baseline, add "--verdict-lane", "false" to the settings.</summary>
    private async Task<(TimeSpan Latency, int Verdicts)> SubmitUnderLoadAsync()
    {
        await using var server = await TestServer.StartAsync(null, Settings);
        var attacker = await server.CreateTeamAsync("attackers", Role.Attacker);
        var defenses = new List<string>();
        var keys = new List<string>();
        foreach (var team in new[] { "red", "blue" })
        {
            var key = await server.CreateTeamAsync(team, Role.Defender);
            var defense = await Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn_scripted.pt"), team);
            // At its upload limit: a second upload today is refused.
            var second = await Assert.ThrowsAsync<RpcException>(() => Uploads.UploadAsync(server.Defenses(key), TestPaths.GoodDefense("tiny_cnn.onnx"), team + "-2"));
            Assert.Equal(StatusCode.ResourceExhausted, second.StatusCode);
            keys.Add(key);
            defenses.Add(defense.Id);
        }
        for (var i = 0; i < 2; i++)
        {
            await Awaiting.JudgedAsync(server, keys[i], defenses[i], TimeSpan.FromMinutes(4));
            // Whether or not the tiny model is eligible on the tiny hidden split, the organizers put it in the contest.
            var defense = await server.Defenses(keys[i]).GetDefenseAsync(new GetDefenseRequest { DefenseId = defenses[i] });
            if (defense.Eligibility.Status != EligibilityStatus.Eligible)
                await server.Defenses(server.OrganizerKey).StakeDefenseAsync(new StakeDefenseRequest { DefenseId = defenses[i], Force = true, Reason = "load test" });
        }
        var evaluations = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var job = await server.Jobs(keys[i]).CreateEvaluationAsync(
                new CreateEvaluationRequest { DefenseId = defenses[i], Suite = "warmup", Profile = Profile.Quick });
            evaluations.Add(job.Id);
            // At its evaluation limit: another is refused.
            var more = await Assert.ThrowsAsync<RpcException>(async () =>
                await server.Jobs(keys[i]).CreateEvaluationAsync(new CreateEvaluationRequest { DefenseId = defenses[i], Suite = "warmup" }));
            Assert.Equal(StatusCode.ResourceExhausted, more.StatusCode);
        }
        // The worker's general slot is taken by the first evaluation; the second waits behind it.
        await Awaiting.JobAsync(server.Jobs(keys[0]), evaluations[0], p => p.Status == JobStatus.Running, TimeSpan.FromMinutes(2), "first evaluation running");
        await Task.Delay(TimeSpan.FromSeconds(3));

        var request = new SubmitAttackRequest { Image = ByteString.CopyFrom(TestImages.Png(4242)), ClaimedLabel = Label.Bird, FileName = "attack.png" };
        request.TargetDefenseIds.AddRange(defenses);
        var clock = Stopwatch.StartNew();
        var verdicts = 0;
        try
        {
            var submitted = await new AttackService.AttackServiceClient(server.Invoker(attacker)).SubmitAttackAsync(request);
            verdicts = submitted.Verdicts.Count;
        }
        catch (RpcException e)
        {
            output.WriteLine($"submission refused after {clock.Elapsed.TotalSeconds:F1} s: {e.StatusCode} {e.Status.Detail}");
        }
        var latency = clock.Elapsed;
        var first = await server.Jobs(keys[0]).GetJobAsync(new GetJobRequest { JobId = evaluations[0] });
        output.WriteLine($"{verdicts} verdicts after {latency.TotalSeconds:F1} s; the first evaluation was {first.Status} then {first.Reason}");
        foreach (var (key, job) in keys.Zip(evaluations))
        {
            if ((await server.Jobs(key).GetJobAsync(new GetJobRequest { JobId = job })).Status is JobStatus.Queued or JobStatus.Running)
                await server.Jobs(key).CancelJobAsync(new CancelJobRequest { JobId = job, Reason = "test over" });
        }
        return (latency, verdicts);
    }
}
