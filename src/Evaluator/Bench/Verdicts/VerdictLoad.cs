using System.Diagnostics;
using Contest.Contracts.Transport;
using Contest.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Contest.Evaluator.Bench.Verdicts;

/// <summary>
/// The measured load: C independent clients, each on its own channel (its own HTTP/2 connection), each
/// submitting its share of the images one at a time against the defense. A submission's latency is its
/// SubmitAttack call, which returns once the defense has answered. A client changes attacker team when
/// its team's daily quota is used up (the key goes with each call, so the connection stays).
/// </summary>
internal sealed class VerdictLoad(string server, int maxMessageBytes, string defenseId)
{
    /// <summary>Runs every client at once; <paramref name="shares"/> holds each client's images and team keys.</summary>
    public async Task<(IReadOnlyList<SubmissionResult> Results, TimeSpan Wall)> RunAsync(IReadOnlyList<ClientShare> shares, CancellationToken cancellationToken)
    {
        var channels = shares.Select(_ => new ContestChannel(server, null, maxMessageBytes)).ToList();
        try
        {
            // Each client's first call opens its connection, outside the measurement.
            await Task.WhenAll(shares.Select((share, i) => OpenAsync(channels[i], share, cancellationToken)));
            var wall = Stopwatch.StartNew();
            var perClient = await Task.WhenAll(shares.Select((share, i) => Task.Run(() => SubmitAllAsync(i, channels[i], share, cancellationToken), cancellationToken)));
            wall.Stop();
            return ([.. perClient.SelectMany(r => r)], wall.Elapsed);
        }
        finally
        {
            foreach (var channel in channels)
                channel.Dispose();
        }
    }

    private static async Task OpenAsync(ContestChannel channel, ClientShare share, CancellationToken cancellationToken)
    {
        if (share.Images.Count == 0)
            return;
        var quota = await new AttackService.AttackServiceClient(channel.Invoker).GetQuotaAsync(new GetQuotaRequest(), Bearer(share.TeamKeys[0]),
            cancellationToken: cancellationToken);
        if (quota.Remaining < Math.Min(share.Images.Count, share.PerTeam))
            throw new BenchRefusal($"a new attacker team has {quota.Remaining} submissions left today, fewer than the {share.PerTeam} planned.");
    }

    private async Task<List<SubmissionResult>> SubmitAllAsync(int client, ContestChannel channel, ClientShare share, CancellationToken cancellationToken)
    {
        var attacks = new AttackService.AttackServiceClient(channel.Invoker);
        var results = new List<SubmissionResult>(share.Images.Count);
        for (var i = 0; i < share.Images.Count; i++)
        {
            var request = new SubmitAttackRequest { Image = share.Images[i], ClaimedLabel = Label.Bird, FileName = "bench.png", TargetDefenseIds = { defenseId } };
            var headers = Bearer(share.TeamKeys[i / share.PerTeam]);
            var clock = Stopwatch.StartNew();
            try
            {
                var submission = await attacks.SubmitAttackAsync(request, headers, cancellationToken: cancellationToken);
                clock.Stop();
                results.Add(Judge(client, clock.Elapsed.TotalMilliseconds, submission));
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                results.Add(new SubmissionResult(client, clock.Elapsed.TotalMilliseconds, SubmissionOutcome.CallFailed, $"{e.StatusCode}: {e.Status.Detail}"));
            }
        }
        return results;
    }

    private SubmissionResult Judge(int client, double milliseconds, AttackSubmission submission)
    {
        var verdict = submission.Verdicts.FirstOrDefault(v => v.DefenseId == defenseId);
        if (verdict is null)
            return new SubmissionResult(client, milliseconds, SubmissionOutcome.CallFailed, $"attack {submission.Id} came back without a verdict of {defenseId}");
        return verdict.DefenseFailed
            ? new SubmissionResult(client, milliseconds, SubmissionOutcome.DefenseFailed, verdict.Failure)
            : new SubmissionResult(client, milliseconds, SubmissionOutcome.Verdict, "");
    }

    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };
}

/// <summary>One client's work: its images in order, and team keys, each good for <see cref="PerTeam"/> submissions.</summary>
internal sealed record ClientShare(IReadOnlyList<ByteString> Images, IReadOnlyList<string> TeamKeys, int PerTeam);
