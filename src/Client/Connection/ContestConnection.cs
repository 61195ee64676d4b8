using Contest.Contracts.Transport;
using Contest.Contracts.V1;

namespace Contest.Client.Connection;

/// <summary>One channel to the server, with the API key attached to every call, and a client per service.</summary>
internal sealed class ContestConnection(string server, string? apiKey) : IDisposable
{
    // Attack and review images and evaluation reports travel as single messages: room well above gRPC's 4 MiB default.
    private const int MaxMessageBytes = 32 << 20;

    private readonly ContestChannel _channel = new(server, apiKey, MaxMessageBytes);

    public string Address => _channel.Address;

    public TeamService.TeamServiceClient Teams => new(_channel.Invoker);

    public DefenseService.DefenseServiceClient Defenses => new(_channel.Invoker);

    public JobService.JobServiceClient Jobs => new(_channel.Invoker);

    public DatasetService.DatasetServiceClient Datasets => new(_channel.Invoker);

    public AttackService.AttackServiceClient Attacks => new(_channel.Invoker);

    public LimitService.LimitServiceClient Limits => new(_channel.Invoker);

    public ReviewService.ReviewServiceClient Reviews => new(_channel.Invoker);

    public RoundService.RoundServiceClient Rounds => new(_channel.Invoker);

    public LeaderboardService.LeaderboardServiceClient Leaderboards => new(_channel.Invoker);

    public ReferenceService.ReferenceServiceClient References => new(_channel.Invoker);

    public AuditService.AuditServiceClient Audit => new(_channel.Invoker);

    public AdminService.AdminServiceClient Admin => new(_channel.Invoker);

    public NotificationService.NotificationServiceClient Notifications => new(_channel.Invoker);

    public void Dispose() => _channel.Dispose();
}
