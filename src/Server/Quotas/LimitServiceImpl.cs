using Contest.Contracts.V1;
using Contest.Server.Auth;
using Grpc.Core;

namespace Contest.Server.Quotas;

/// <summary>A team's limits on shared resources and what it has used of them.</summary>
internal sealed class LimitServiceImpl(FairShare limits) : LimitService.LimitServiceBase
{
    [RequireRole]
    public override Task<TeamLimits> GetLimits(GetLimitsRequest request, ServerCallContext context) =>
        Task.FromResult(limits.View(context.GetCaller()).ToProto());
}
