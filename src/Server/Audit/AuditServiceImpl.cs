using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Infrastructure;
using Grpc.Core;

namespace Contest.Server.Audit;

/// <summary>The audit log of organizer actions, newest first.</summary>
internal sealed class AuditServiceImpl(AuditLog log, Identities identities) : AuditService.AuditServiceBase
{
    [RequireRole(Role.Organizer)]
    public override Task<ListAuditEventsResponse> ListAuditEvents(ListAuditEventsRequest request, ServerCallContext context)
    {
        var response = new ListAuditEventsResponse();
        foreach (var record in log.Newest(request.Action, request.Limit > 0 ? request.Limit : 200))
        {
            var proto = new AuditEvent
            {
                Id = record.Id,
                At = ProtoTime.From(record.At),
                ActorTeamId = record.ActorTeamId,
                ActorTeamName = identities.TeamName(record.ActorTeamId),
                ActorKeyId = record.ActorKeyId,
                Action = record.Action,
                Target = record.Target,
                Reason = record.Reason,
            };
            proto.Details.Add(record.Details);
            response.Events.Add(proto);
        }
        return Task.FromResult(response);
    }
}
