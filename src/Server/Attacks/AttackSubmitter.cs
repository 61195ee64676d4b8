using System.Security.Cryptography;
using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Defenses;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Notifications;
using Microsoft.Extensions.Options;

namespace Contest.Server.Attacks;

/// <summary>
/// One attack submission, end to end: the image, targets, quota and duplicates are checked before a
/// byte reaches the disk; then the image is stored and the record written, with every check repeated in
/// that write (so concurrent calls can never exceed the quota); verdict jobs are queued (they go before
/// all other work), and the call returns once every target has answered or failed. The deadline is
/// kept on the record, so the server settles the attack even if the caller hangs up
/// (<see cref="VerdictDeadlineSweep"/>). If no defense answered or failed on the image, the submission
/// is removed and does not count.
/// </summary>
internal sealed class AttackSubmitter(
    ContestDatabase db,
    AttackStore attacks,
    DefenseStore defenses,
    Identities identities,
    JobStore jobs,
    BlobStore blobs,
    IJobQueue queue,
    IAttackRounds rounds,
    IReviewProgress reviews,
    QuotaLedger quota,
    VerdictWaiters waiters,
    OverdueVerdicts overdue,
    NotificationHub hub,
    TimeProvider clock,
    IOptions<JobOptions> jobOptions,
    IAttackImageLimits limits)
{
    private const int MaxTargets = 16;

    public async Task<AttackSubmission> SubmitAsync(Caller caller, SubmitAttackRequest request, CancellationToken cancellationToken)
    {
        // Verdicts are waited for until a deadline counted from the call, not from when the jobs were queued.
        var limits = jobOptions.Value;
        var deadline = clock.GetUtcNow() + TimeSpan.FromSeconds(limits.VerdictSeconds + limits.LeaseSeconds + 30);
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

        // Every check first, on the hash computed in memory: a refused image never touches the disk.
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(request.Image.Span));
        Admit(caller, targets, sha256, request.Image.Length);
        if (await blobs.PutAsync(request.Image.Memory, cancellationToken) != sha256)
            throw new InvalidOperationException("the blob store hashed the image differently.");
        var attack = Record(caller, request, targets, sha256, image, deadline);
        var settled = await WaitForVerdictsAsync(attack.Id, deadline, cancellationToken);
        if (settled is null)
        {
            // A refusal, not an outage: the server is there and says why. The attacker reads each
            // failure's category, never the defense's own words.
            var reasons = jobs.VerdictsOf(attack.Id).Select(j => $"{j.DefenseId}: {JobMapping.ReasonFor(j, JobView.Outsider)}").DefaultIfEmpty("no evaluation worker answered in time");
            throw RpcErrors.FailedPrecondition(
                $"no target defense could give a verdict ({string.Join("; ", reasons)}); the submission was dropped and does not count against your quota.");
        }
        var proto = settled.ToProto(identities.Team(settled.TeamId), 0, reviews.Needed);
        proto.QuotaRemaining = quota.Of(caller.TeamId).Remaining;
        var candidates = settled.Verdicts.Count(v => v.Candidate);
        hub.ToTeam(caller.TeamId, NotificationKind.Verdict,
            candidates > 0 ? $"attack {settled.Id}: {candidates} would-be confident mistake(s); sent to review." : $"attack {settled.Id}: no defense was fooled.",
            attackId: settled.Id);
        return proto;
    }

    /// <summary>
    /// Refuses the submission unless every target can be attacked, the team has quota and room for
    /// the image's bytes left, and the image is new; returns the targets. Called before storing
    /// anything, and again inside the write.
    /// </summary>
    private List<DefenseRecord> Admit(Caller caller, List<string> targets, string sha256, long sizeBytes)
    {
        var targeted = targets.Select(CheckTarget).ToList();
        var used = quota.Of(caller.TeamId);
        if (used.Remaining <= 0)
            throw RpcErrors.ResourceExhausted(
                $"your team has used its quota of {used.Limit} attack images for today (UTC); it resets at {used.ResetsAt.ToDateTime():yyyy-MM-dd HH:mm} UTC.");
        limits.CheckAttackImage(caller, sizeBytes);
        if (attacks.WithImage(sha256) is { } earlier)
            throw RpcErrors.AlreadyExists($"this exact image was already submitted (attack {(earlier.TeamId == caller.TeamId ? earlier.Id : "of another team")}); change it to submit again.");
        return targeted;
    }

    /// <summary>Repeats the checks and stores the submission with its verdict jobs and deadline, in one write.</summary>
    private AttackRecord Record(Caller caller, SubmitAttackRequest request, List<string> targets, string sha256, CheckedAttackImage image,
        DateTimeOffset deadline) =>
        db.Write(() =>
        {
            var targeted = Admit(caller, targets, sha256, request.Image.Length);
            var record = new AttackRecord
            {
                Id = Ids.New("atk"),
                TeamId = caller.TeamId,
                ImageSha256 = sha256,
                ContentType = image.ContentType,
                ImageBytes = request.Image.Length,
                ClaimedLabel = request.ClaimedLabel,
                SubmittedAt = clock.GetUtcNow().UtcDateTime,
                RoundId = rounds.CurrentRoundId(),
                TargetDefenseIds = targets,
                Warnings = [.. image.Warnings],
                VerdictsPending = targets.Count,
                VerdictsDueBy = deadline.UtcDateTime,
            };
            attacks.Insert(record);
            foreach (var defense in targeted)
                queue.Enqueue(new JobRecord { Kind = JobKind.Verdict, AttackId = record.Id, DefenseId = defense.Id, TeamId = caller.TeamId });
            return record;
        });

    private DefenseRecord CheckTarget(string id)
    {
        var defense = defenses.Find(id) ?? throw RpcErrors.NotFound("defense", id);
        if (defense.WithdrawnAt is not null)
            throw RpcErrors.FailedPrecondition($"defense {id} was withdrawn; it can no longer be attacked.");
        if (!ContestEntry.IsInContest(defense))
            throw RpcErrors.FailedPrecondition($"defense {id} is not in the contest (it is neither eligible nor staked), so it cannot be attacked yet.");
        return defense;
    }

    /// <summary>
    /// Waits until every verdict job of the attack finished; null if the submission was dropped. Past
    /// the deadline, outstanding verdicts are cancelled, which settles the attack at once.
    /// </summary>
    private async Task<AttackRecord?> WaitForVerdictsAsync(string attackId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var settled = waiters.Settled(attackId);
        try
        {
            if (IsSettled(attackId))
                return attacks.Find(attackId);
            if (!await SettlesBeforeAsync(settled, deadline, cancellationToken))
                overdue.Cancel(attackId);
            return attacks.Find(attackId);
        }
        finally
        {
            waiters.Forget(attackId);
        }
    }

    private async Task<bool> SettlesBeforeAsync(Task settled, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var left = deadline - clock.GetUtcNow();
        if (left <= TimeSpan.Zero)
            return settled.IsCompleted;
        try
        {
            await settled.WaitAsync(left, clock, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private bool IsSettled(string attackId) => attacks.Find(attackId) is not { VerdictsPending: > 0 };
}
