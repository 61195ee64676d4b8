using Contest.Contracts.V1;
using Contest.Server.Auth;
using Contest.Server.Mapping;
using Contest.Server.Storage;
using Grpc.Core;

namespace Contest.Server.Services.Audit;

/// <summary>The audit log of organizer actions, newest first.</summary>
internal sealed class AuditServiceImpl(ContestDatabase db) : AuditService.AuditServiceBase
{
    [RequireRole(Role.Organizer)]
    public override Task<ListAuditEventsResponse> ListAuditEvents(ListAuditEventsRequest request, ServerCallContext context)
    {
        var events = db.Audit.FindAll()
            .Where(a => request.Action.Length == 0 || a.Action == request.Action)
            .OrderByDescending(a => a.At)
            .Take(request.Limit > 0 ? request.Limit : 200);
        var response = new ListAuditEventsResponse();
        foreach (var record in events)
        {
            var proto = new AuditEvent
            {
                Id = record.Id,
                At = ProtoTime.From(record.At),
                ActorTeamId = record.ActorTeamId,
                ActorTeamName = db.Teams.FindById(record.ActorTeamId)?.Name ?? "",
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
