using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Models;
using Contest.Server.Audit;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Contest.Server.Infrastructure.Files;
using Contest.Server.Infrastructure.Storage;
using Contest.Server.Jobs;
using Contest.Server.Notifications;
using Grpc.Core;

namespace Contest.Server.Defenses;

/// <summary>Upload, list, inspect, download, withdraw and stake defenses.</summary>
internal sealed class DefenseServiceImpl(
    ContestDatabase db,
    DefenseStore defenses,
    Identities identities,
    BlobStore blobs,
    DefenseUploadReceiver receiver,
    DefenseRegistration registration,
    IJobQueue queue,
    NotificationHub hub,
    AuditLog audit,
    TimeProvider clock,
    IUploadLimits limits) : DefenseService.DefenseServiceBase
{
    [RequireRole(Role.Defender)]
    public override async Task<Defense> UploadDefense(IAsyncStreamReader<UploadDefenseRequest> requestStream, ServerCallContext context)
    {
        var caller = context.GetCaller();
        limits.CheckUpload(caller, 0);
        var received = await receiver.ReceiveAsync(requestStream, context.CancellationToken);
        var metadata = received.Metadata;

        var record = db.Write(() =>
        {
            limits.CheckUpload(caller, received.SizeBytes);
            if (defenses.LiveDuplicate(caller.TeamId, received.Sha256) is { } duplicate)
                throw RpcErrors.AlreadyExists(
                    $"your team already uploaded this exact file as defense '{duplicate.Name}' ({duplicate.Id}).");
            var record = new DefenseRecord
            {
                Id = Ids.New("def"),
                Name = metadata.Name.Trim(),
                Description = metadata.Description,
                TeamId = caller.TeamId,
                Open = metadata.Open,
                Format = received.Format == ModelFileFormat.Onnx ? ModelFormat.Onnx : ModelFormat.Torchscript,
                Sha256 = received.Sha256,
                SizeBytes = received.SizeBytes,
                FileName = Path.GetFileName(metadata.FileName),
                CreatedAt = Now,
                DeclaredThreshold = metadata.HasDeclaredThreshold ? metadata.DeclaredThreshold : null,
            };
            queue.Enqueue(registration.Register(record));
            return record;
        });
        return ToProto(record, caller);
    }

    [RequireRole]
    public override Task<ListDefensesResponse> ListDefenses(ListDefensesRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var teams = new Dictionary<string, TeamRecord?>();
        var now = Now;
        var response = new ListDefensesResponse();
        foreach (var defense in defenses.List(request.IncludeWithdrawn, request.TeamId, request.StakedOnly))
        {
            if (!teams.TryGetValue(defense.TeamId, out var team))
                teams[defense.TeamId] = team = identities.Team(defense.TeamId);
            response.Defenses.Add(defense.ToProto(team, now, OwnedBy(defense, caller)));
        }
        return Task.FromResult(response);
    }

    [RequireRole]
    public override Task<Defense> GetDefense(GetDefenseRequest request, ServerCallContext context) =>
        Task.FromResult(ToProto(Find(request.DefenseId), context.GetCaller()));

    [RequireRole]
    public override async Task DownloadDefense(DownloadDefenseRequest request, IServerStreamWriter<FileChunk> responseStream,
        ServerCallContext context)
    {
        var caller = context.GetCaller();
        var defense = Find(request.DefenseId);
        if (!defense.Open && !caller.IsOrganizer && caller.TeamId != defense.TeamId)
            throw RpcErrors.PermissionDenied(
                $"defense '{defense.Name}' ({defense.Id}) is closed: its model file is not public. Open defenses can be downloaded.");
        await using var file = blobs.OpenRead(defense.Sha256);
        await FileChunkStreamer.SendAsync(file, defense.Sha256, request.Offset, responseStream, context.CancellationToken);
    }

    [RequireRole(Role.Defender)]
    public override Task<Defense> WithdrawDefense(WithdrawDefenseRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var record = db.Write(() =>
        {
            var defense = Find(request.DefenseId);
            if (!caller.IsOrganizer && caller.TeamId != defense.TeamId)
                throw RpcErrors.PermissionDenied($"defense {defense.Id} belongs to another team; only its team or an organizer may withdraw it.");
            if (defense.WithdrawnAt is not null)
                throw RpcErrors.FailedPrecondition($"defense {defense.Id} was already withdrawn at {defense.WithdrawnAt:u}.");
            defense.WithdrawnAt = Now;
            defenses.Update(defense);
            audit.Append(caller, "defense.withdraw", $"defense/{defense.Id}", request.Reason);
            return defense;
        });
        return Task.FromResult(ToProto(record, caller));
    }

    [RequireRole(Role.Organizer)]
    public override Task<Defense> StakeDefense(StakeDefenseRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var record = db.Write(() =>
        {
            var defense = Find(request.DefenseId);
            if (defense.WithdrawnAt is not null)
                throw RpcErrors.FailedPrecondition($"defense {defense.Id} was withdrawn.");
            if (defense.Stake.Staked)
                throw RpcErrors.FailedPrecondition($"defense {defense.Id} is already staked (since {defense.Stake.StakedAt:u}).");
            var eligibility = defense.Eligibility;
            var eligible = eligibility.Status == EligibilityStatus.Eligible;
            if (!eligible && !request.Force)
                throw RpcErrors.FailedPrecondition(
                    $"defense {defense.Id} is not eligible (eligibility: {Words.Of(eligibility.Status)}" +
                    $"{(eligibility.Reason.Length > 0 ? ": " + eligibility.Reason : "")}); stake it anyway only with force and a written reason.");
            if (!eligible && string.IsNullOrWhiteSpace(request.Reason))
                throw RpcErrors.InvalidArgument("staking a defense that is not eligible needs a written reason (recorded in the audit log).");
            if (eligibility.Status is not (EligibilityStatus.Eligible or EligibilityStatus.Ineligible))
                throw RpcErrors.FailedPrecondition(
                    $"defense {defense.Id} has no abstain threshold yet: its eligibility run has not finished (status {Words.Of(eligibility.Status)}).");
            defense.Stake = new StakeState
            {
                Staked = true,
                StakedAt = Now,
                Forced = !eligible,
                Reason = request.Reason.Trim(),
            };
            defenses.Update(defense);
            audit.Append(caller, "defense.stake", $"defense/{defense.Id}", request.Reason, new() { ["forced"] = eligible ? "false" : "true" });
            return defense;
        });
        hub.ToTeam(record.TeamId, NotificationKind.Defense, $"defense '{record.Name}' was staked{(record.Stake.Forced ? " (forced)" : "")}.", defenseId: record.Id);
        return Task.FromResult(ToProto(record, caller));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DefenseRecord Find(string id) => defenses.Find(Ids.Require("def", id, "defense")) ?? throw RpcErrors.NotFound("defense", id);

    /// <summary>Its team and organizers read what the model said; everyone else only the reasons.</summary>
    private static bool OwnedBy(DefenseRecord defense, Caller caller) => caller.IsOrganizer || defense.TeamId == caller.TeamId;

    private Defense ToProto(DefenseRecord record, Caller caller) =>
        record.ToProto(identities.Team(record.TeamId), Now, OwnedBy(record, caller));
}
