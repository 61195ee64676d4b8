using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Errors;
using Contest.Server.Hosting;
using Contest.Server.Jobs;
using Contest.Server.Mapping;
using Contest.Server.Rules;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Microsoft.Extensions.Options;

namespace Contest.Server.Contest;

/// <summary>
/// One attack submission, end to end: the image and targets are checked, the quota is charged
/// atomically with storing the record, verdict jobs are queued (they go before all other work), and
/// the call returns once every target has answered. If no defense could answer, the submission is
/// removed and does not count.
/// </summary>
internal sealed class AttackSubmitter(
    ContestDatabase db,
    BlobStore blobs,
    JobQueue queue,
    RoundBook rounds,
    QuotaLedger quota,
    NotificationHub hub,
    TimeProvider clock,
    IOptions<ContestServerOptions> options)
{
    private const int MaxTargets = 16;

    public async Task<AttackSubmission> SubmitAsync(Caller caller, SubmitAttackRequest request, CancellationToken cancellationToken)
    {
        if (request.ClaimedLabel is not (Label.Bird or Label.Bicycle))
            throw RpcErrors.InvalidArgument("claim the class the image shows: bird or bicycle.");
        var targets = request.TargetDefenseIds.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
        if (targets.Count == 0)
            throw RpcErrors.InvalidArgument("name at least one target defense.");
        if (targets.Count > MaxTargets)
            throw RpcErrors.InvalidArgument($"at most {MaxTargets} target defenses per image.");
        var (image, refusal) = AttackImageCheck.Check(request.Image.Span);
        if (image is null)
            throw RpcErrors.InvalidArgument($"image refused: {refusal}");

        var sha256 = await blobs.PutAsync(request.Image.Memory, cancellationToken);
        var attack = db.Write(() =>
        {
            var defenses = targets.Select(CheckTarget).ToList();
            var used = quota.Of(caller.TeamId);
            if (used.Remaining <= 0)
                throw RpcErrors.ResourceExhausted(
                    $"your team has used its quota of {used.Limit} attack images for today (UTC); it resets at {used.ResetsAt.ToDateTime():yyyy-MM-dd HH:mm} UTC.");
            if (db.Attacks.FindOne(a => a.ImageSha256 == sha256) is { } earlier)
                throw RpcErrors.AlreadyExists($"this exact image was already submitted (attack {(earlier.TeamId == caller.TeamId ? earlier.Id : "of another team")}); change it to submit again.");
            var record = new AttackRecord
            {
                Id = Ids.New("atk"),
                TeamId = caller.TeamId,
                ImageSha256 = sha256,
                ContentType = image.ContentType,
                ClaimedLabel = request.ClaimedLabel,
                SubmittedAt = clock.GetUtcNow().UtcDateTime,
                RoundId = rounds.Current().Id,
                TargetDefenseIds = targets,
                Warnings = [.. image.Warnings],
                VerdictsPending = targets.Count,
            };
            db.Attacks.Insert(record);
            foreach (var defense in defenses)
                queue.Enqueue(new JobRecord { Kind = JobKind.Verdict, AttackId = record.Id, DefenseId = defense.Id, TeamId = caller.TeamId });
            return record;
        });

        var settled = await WaitForVerdictsAsync(attack.Id, cancellationToken);
        if (settled is null)
        {
            var reasons = db.Jobs.Find(j => j.AttackId == attack.Id && j.Kind == JobKind.Verdict)
                .Select(j => $"{j.DefenseId}: {j.Reason}").DefaultIfEmpty("no evaluation worker answered in time");
            throw RpcErrors.Unavailable(
                $"no target defense could give a verdict ({string.Join("; ", reasons)}); the submission was dropped and does not count against your quota.");
        }
        var remaining = quota.Of(caller.TeamId).Remaining;
        var proto = settled.ToProto(db.Teams.FindById(settled.TeamId), 0, options.Value.ReviewsPerImage);
        proto.QuotaRemaining = remaining;
        var candidates = settled.Verdicts.Count(v => v.Candidate);
        hub.ToTeam(caller.TeamId, NotificationKind.Verdict,
            candidates > 0 ? $"attack {settled.Id}: {candidates} would-be confident mistake(s); sent to review." : $"attack {settled.Id}: no defense was fooled.",
            attackId: settled.Id);
        return proto;
    }

    private DefenseRecord CheckTarget(string id)
    {
        var defense = db.Defenses.FindById(id) ?? throw RpcErrors.NotFound("defense", id);
        if (defense.WithdrawnAt is not null)
            throw RpcErrors.FailedPrecondition($"defense {id} was withdrawn; it can no longer be attacked.");
        var calibrated = defense.Eligibility.Status is EligibilityStatus.Eligible || defense.Stake.Staked;
        if (!calibrated)
            throw RpcErrors.FailedPrecondition($"defense {id} is not in the contest (it is neither eligible nor staked), so it cannot be attacked yet.");
        return defense;
    }

    /// <summary>Waits until every verdict job of the attack finished; null if the submission was dropped.</summary>
    private async Task<AttackRecord?> WaitForVerdictsAsync(string attackId, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(options.Value.VerdictSeconds + options.Value.LeaseSeconds + 30);
        while (true)
        {
            var attack = db.Attacks.FindById(attackId);
            if (attack is null)
                return null;
            if (attack.VerdictsPending == 0)
                return attack;
            if (clock.GetUtcNow() > deadline)
            {
                // Give up on outstanding verdicts; the handler drops the submission if none answered.
                foreach (var job in db.Jobs.Find(j => j.AttackId == attackId && j.Kind == JobKind.Verdict).Where(j => !j.IsFinished).ToList())
                {
                    try
                    {
                        queue.Cancel(job.Id, "no verdict in time");
                    }
                    catch (Grpc.Core.RpcException)
                    {
                        // It finished meanwhile.
                    }
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
        }
    }
}
