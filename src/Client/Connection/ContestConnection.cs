using Contest.Contracts.V1;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Contest.Client.Connection;

/// <summary>One channel to the server, with the API key attached to every call.</summary>
internal sealed class ContestConnection : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly CallInvoker _invoker;

    public ContestConnection(string server, string? apiKey)
    {
        Address = Normalize(server);
        _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 32 << 20,
            MaxSendMessageSize = 32 << 20,
        });
        _invoker = _channel.Intercept(metadata =>
        {
            if (!string.IsNullOrWhiteSpace(apiKey))
                metadata.Add("authorization", $"Bearer {apiKey.Trim()}");
            return metadata;
        });
    }

    public string Address { get; }

    public TeamService.TeamServiceClient Teams => new(_invoker);

    public DefenseService.DefenseServiceClient Defenses => new(_invoker);

    public JobService.JobServiceClient Jobs => new(_invoker);

    public DatasetService.DatasetServiceClient Datasets => new(_invoker);

    public AttackService.AttackServiceClient Attacks => new(_invoker);

    public ReviewService.ReviewServiceClient Reviews => new(_invoker);

    public RoundService.RoundServiceClient Rounds => new(_invoker);

    public LeaderboardService.LeaderboardServiceClient Leaderboards => new(_invoker);

    public AuditService.AuditServiceClient Audit => new(_invoker);

    public NotificationService.NotificationServiceClient Notifications => new(_invoker);

    public void Dispose() => _channel.Dispose();

    private static string Normalize(string server)
    {
        var trimmed = server.Trim().TrimEnd('/');
        return trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : $"http://{trimmed}";
    }
}
