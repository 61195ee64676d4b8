using Contest.Contracts.V1;
using Contest.Server.Auth;
using Grpc.Core;

namespace Contest.Server.Notifications;

/// <summary>A stream of what concerns the calling team, as it happens, until the caller hangs up.</summary>
internal sealed class NotificationServiceImpl(NotificationHub hub) : NotificationService.NotificationServiceBase
{
    [RequireRole]
    public override async Task Watch(WatchRequest request, IServerStreamWriter<Notification> responseStream, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var kinds = request.Kinds.ToHashSet();
        using var subscription = hub.Subscribe(caller.TeamId, caller.IsOrganizer);
        // Headers first, so the client knows it is subscribed before anything happens.
        await context.WriteResponseHeadersAsync([]);
        try
        {
            await foreach (var notification in subscription.Reader.ReadAllAsync(context.CancellationToken))
            {
                if (kinds.Count == 0 || kinds.Contains(notification.Kind))
                    await responseStream.WriteAsync(notification, context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The watcher hung up.
        }
    }
}
