using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Google.Protobuf;
using static TorchSharp.torch;

namespace Contest.Evaluator.Bench.Verdicts;

/// <summary>What `bench verdicts` was asked to do.</summary>
internal sealed record VerdictsBenchOptions(string Server, string OrganizerKey, string ModelPath, int Submissions, int Concurrency, int Warmup,
    string? DefenseId, Device FloorDevice, int FloorRepeats);

/// <summary>What it measured.</summary>
internal sealed record VerdictsBenchResult(VerdictsBenchOptions Options, BenchDefense Defense, int AttackerTeams, int DailyQuota,
    IReadOnlyList<SubmissionResult> Submissions, TimeSpan Wall, FloorTimes Floor, double LoadBefore, double LoadAfter);

/// <summary>
/// The whole benchmark: the defense (staked through the public API, or reused), attacker teams enough
/// for every submission within the daily quota, a few unmeasured warm-up submissions, the measured
/// load, then the floor in this process (after the load, so the two never share the CPU).
/// </summary>
internal static class VerdictsBenchRun
{
    private const int MaxMessageBytes = 32 << 20;

    public static async Task<VerdictsBenchResult> RunAsync(VerdictsBenchOptions options, CancellationToken cancellationToken)
    {
        using var organizer = new ContestChannel(options.Server, options.OrganizerKey, MaxMessageBytes);
        var target = new BenchTarget(organizer.Invoker, $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Random.Shared.Next(1000, 9999)}");
        var defense = options.DefenseId is { Length: > 0 } id
            ? await target.ReuseAsync(id, options.ModelPath, cancellationToken)
            : await target.UploadAndStakeAsync(options.ModelPath, options.Server, MaxMessageBytes, cancellationToken);

        // The quota is per team and UTC day, and the organizer has no call to raise it: more teams, not more quota.
        var first = await target.AttackerKeysAsync(0, 1, cancellationToken);
        int quota;
        using (var probe = new ContestChannel(options.Server, first[0], MaxMessageBytes))
            quota = (await new AttackService.AttackServiceClient(probe.Invoker).GetQuotaAsync(new GetQuotaRequest(), cancellationToken: cancellationToken)).Remaining;
        if (quota <= 0)
            throw new BenchRefusal("a new attacker team has no attack quota on this server (--daily-attack-quota 0?).");

        var counts = new List<int> { options.Warmup };
        counts.AddRange(Enumerable.Range(0, options.Concurrency).Select(c => (options.Submissions / options.Concurrency) + (c < options.Submissions % options.Concurrency ? 1 : 0)));
        var teamsNeeded = counts.Select(n => (n + quota - 1) / quota).ToList();
        var keys = new List<string>(first);
        keys.AddRange(await target.AttackerKeysAsync(1, teamsNeeded.Sum() - 1, cancellationToken));

        var nonce = (ulong)Random.Shared.NextInt64();
        var shares = new List<ClientShare>();
        int image = 0, key = 0;
        for (var s = 0; s < counts.Count; s++)
        {
            var images = Enumerable.Range(image, counts[s]).Select(i => ByteString.CopyFrom(AttackImageFactory.Png(nonce, i))).ToList();
            shares.Add(new ClientShare(images, keys.GetRange(key, teamsNeeded[s]), quota));
            image += counts[s];
            key += teamsNeeded[s];
        }

        var load = new VerdictLoad(options.Server, MaxMessageBytes, defense.Id);
        await load.RunAsync(shares.Take(1).ToList(), cancellationToken);
        var loadBefore = LoadAverage.Now();
        var (results, wall) = await load.RunAsync(shares.Skip(1).ToList(), cancellationToken);
        var loadAfter = LoadAverage.Now();

        var floor = ForwardFloor.Measure(options.ModelPath, defense.Format, options.FloorDevice, AttackImageFactory.Png(nonce, image), options.FloorRepeats);
        return new VerdictsBenchResult(options, defense, keys.Count, quota, results, wall, floor, loadBefore, loadAfter);
    }
}
