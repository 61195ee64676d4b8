using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Files;
using Contest.Server.Infrastructure.Storage;
using Grpc.Core;

namespace Contest.Server.Attacks;

/// <summary>Attack images: submitted with instant verdicts, listed, downloaded; and the daily quota.</summary>
internal sealed class AttackServiceImpl(
    AttackStore attacks,
    Identities identities,
    BlobStore blobs,
    AttackSubmitter submitter,
    QuotaLedger quota,
    IAttackRounds rounds,
    IReviewProgress reviews) : AttackService.AttackServiceBase
{
    [RequireRole(Role.Attacker)]
    public override Task<AttackSubmission> SubmitAttack(SubmitAttackRequest request, ServerCallContext context) =>
        submitter.SubmitAsync(context.GetCaller(), request, context.CancellationToken);

    [RequireRole]
    public override Task<ListAttacksResponse> ListAttacks(ListAttacksRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var listed = attacks.Newest(caller.IsOrganizer ? null : caller.TeamId)
            .Where(a => request.RoundId.Length == 0 || a.RoundId == request.RoundId)
            .Where(a => request.DefenseId.Length == 0 || a.TargetDefenseIds.Contains(request.DefenseId))
            .Take(request.Limit > 0 ? request.Limit : 200);
        var response = new ListAttacksResponse();
        response.Attacks.AddRange(listed.Select(a => ToProto(a, showTeam: true)));
        return Task.FromResult(response);
    }

    [RequireRole]
    public override Task<AttackSubmission> GetAttack(GetAttackRequest request, ServerCallContext context)
    {
        var (attack, ownOrOrganizer) = Visible(request.AttackId, context.GetCaller());
        return Task.FromResult(ToProto(attack, showTeam: ownOrOrganizer || rounds.IsPublished(attack.RoundId)));
    }

    [RequireRole]
    public override async Task DownloadAttackImage(DownloadAttackImageRequest request, IServerStreamWriter<FileChunk> responseStream, ServerCallContext context)
    {
        var (attack, _) = Visible(request.AttackId, context.GetCaller());
        await using var file = blobs.OpenRead(attack.ImageSha256);
        await FileChunkStreamer.SendAsync(file, attack.ImageSha256, 0, responseStream, context.CancellationToken);
    }

    [RequireRole(Role.Attacker)]
    public override Task<Quota> GetQuota(GetQuotaRequest request, ServerCallContext context) =>
        Task.FromResult(quota.Of(context.GetCaller().TeamId));

    /// <summary>Own team's and organizers' submissions always; others' once their round is published.</summary>
    private (AttackRecord Attack, bool OwnOrOrganizer) Visible(string id, Caller caller)
    {
        var attack = attacks.Find(Ids.Require("atk", id, "attack"));
        if (attack is null || attack.Status == AttackStatus.Unspecified)
            throw RpcErrors.NotFound("attack", id);
        var own = caller.IsOrganizer || attack.TeamId == caller.TeamId;
        if (!own && !rounds.IsPublished(attack.RoundId))
            throw RpcErrors.NotFound("attack", id);
        return (attack, own);
    }

    private AttackSubmission ToProto(AttackRecord attack, bool showTeam) =>
        attack.ToProto(showTeam ? identities.Team(attack.TeamId) : null, reviews.Done(attack.Id), reviews.Needed);
}
