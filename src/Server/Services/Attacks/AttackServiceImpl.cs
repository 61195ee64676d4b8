using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Contest;
using Contest.Server.Errors;
using Contest.Server.Hosting;
using Contest.Server.Mapping;
using Contest.Server.Services.Files;
using Contest.Server.Storage;
using Contest.Server.Storage.Records;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Contest.Server.Services.Attacks;

/// <summary>Attack images: submitted with instant verdicts, listed, downloaded; and the daily quota.</summary>
internal sealed class AttackServiceImpl(
    ContestDatabase db,
    BlobStore blobs,
    AttackSubmitter submitter,
    QuotaLedger quota,
    IOptions<ContestServerOptions> options) : AttackService.AttackServiceBase
{
    [RequireRole(Role.Attacker)]
    public override Task<AttackSubmission> SubmitAttack(SubmitAttackRequest request, ServerCallContext context) =>
        submitter.SubmitAsync(context.GetCaller(), request, context.CancellationToken);

    [RequireRole]
    public override Task<ListAttacksResponse> ListAttacks(ListAttacksRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var attacks = (caller.IsOrganizer ? db.Attacks.FindAll() : db.Attacks.Find(a => a.TeamId == caller.TeamId))
            .Where(a => a.Status != AttackStatus.Unspecified)
            .Where(a => request.RoundId.Length == 0 || a.RoundId == request.RoundId)
            .Where(a => request.DefenseId.Length == 0 || a.TargetDefenseIds.Contains(request.DefenseId))
            .OrderByDescending(a => a.SubmittedAt)
            .Take(request.Limit > 0 ? request.Limit : 200);
        var response = new ListAttacksResponse();
        response.Attacks.AddRange(attacks.Select(a => ToProto(a, showTeam: true)));
        return Task.FromResult(response);
    }

    [RequireRole]
    public override Task<AttackSubmission> GetAttack(GetAttackRequest request, ServerCallContext context)
    {
        var (attack, ownOrOrganizer) = Visible(request.AttackId, context.GetCaller());
        return Task.FromResult(ToProto(attack, showTeam: ownOrOrganizer || IsPublished(attack)));
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
        var attack = db.Attacks.FindById(id);
        if (attack is null || attack.Status == AttackStatus.Unspecified)
            throw RpcErrors.NotFound("attack", id);
        var own = caller.IsOrganizer || attack.TeamId == caller.TeamId;
        if (!own && !IsPublished(attack))
            throw RpcErrors.NotFound("attack", id);
        return (attack, own);
    }

    private bool IsPublished(AttackRecord attack) =>
        db.Rounds.FindById(attack.RoundId)?.Status == RoundStatus.Published;

    private AttackSubmission ToProto(AttackRecord attack, bool showTeam)
    {
        var reviews = db.Reviews.Count(r => r.AttackId == attack.Id && r.SubmittedAt != null);
        return attack.ToProto(showTeam ? db.Teams.FindById(attack.TeamId) : null, reviews, options.Value.ReviewsPerImage);
    }
}
