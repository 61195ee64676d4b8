using Contest.Contracts.V1;
using Contest.Server.Auth;
using Grpc.Core;

namespace Contest.Server.Notifications;

/// <summary>A stream of what concerns the calling team, as it happens, until the caller hangs up.</summary>
internal sealed class NotificationServiceImpl(NotificationHub hub, StreamGuard streams) : NotificationService.NotificationServiceBase
{
    [RequireRole]
    public override async Task Watch(WatchRequest request, IServerStreamWriter<Notification> responseStream, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var kinds = request.Kinds.ToHashSet();
        using var stream = streams.Open(caller, context.CancellationToken);
        using var subscription = hub.Subscribe(caller.TeamId, caller.IsOrganizer);
        // Headers first, so the client knows it is subscribed before anything happens.
        await context.WriteResponseHeadersAsync([]);
        try
        {
            await stream.RunAsync(async token =>
            {
                await foreach (var notification in subscription.Reader.ReadAllAsync(token))
                {
                    if (kinds.Count == 0 || kinds.Contains(notification.Kind))
                        await responseStream.WriteAsync(notification, token);
                }
            });
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The watcher hung up.
        }
    }
}
