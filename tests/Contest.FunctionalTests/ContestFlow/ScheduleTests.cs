using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Contest.FunctionalTests.ContestFlow;

/// <summary>The weekly schedule through the API, on a fake clock the test moves (no waiting for Friday).</summary>
public class ScheduleTests
{
    private static readonly DateTimeOffset FridayEvening = new(2026, 11, 27, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FridayAt235959Utc_TheRoundClosesOnItsOwn_IsPublished_AndTheNextOneOpens()
    {
        var clock = new FakeTimeProvider(FridayEvening);
        await using var server = await TestServer.StartWithClockAsync(clock);
        var rounds = new RoundService.RoundServiceClient(server.Invoker(server.OrganizerKey));
        var first = await rounds.GetCurrentRoundAsync(new GetCurrentRoundRequest());
        Assert.Equal(new DateTime(2026, 11, 27, 23, 59, 59, DateTimeKind.Utc), first.ClosesAt.ToDateTime());
        using var watch = new NotificationService.NotificationServiceClient(server.Invoker(server.OrganizerKey)).Watch(new WatchRequest());
        await watch.ResponseHeadersAsync;

        clock.Advance(TimeSpan.FromMinutes(61));

        var heard = await NextAsync(watch, NotificationKind.RoundClosed);
        Assert.Equal(first.Id, heard.RoundId);
        Assert.Equal(first.Id, (await NextAsync(watch, NotificationKind.RoundPublished)).RoundId);
        var closed = await rounds.GetRoundAsync(new GetRoundRequest { RoundId = first.Id });
        Assert.Equal((RoundStatus.Published, first.ClosesAt), (closed.Status, closed.ClosedAt));
        var next = await rounds.GetCurrentRoundAsync(new GetCurrentRoundRequest());
        Assert.Equal((2, new DateTime(2026, 12, 4, 23, 59, 59, DateTimeKind.Utc)), (next.Number, next.ClosesAt.ToDateTime()));
    }

    private static async Task<Notification> NextAsync(AsyncServerStreamingCall<Notification> watch, NotificationKind kind)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var notification in watch.ResponseStream.ReadAllAsync(timeout.Token))
        {
            if (notification.Kind == kind)
                return notification;
        }
        throw new InvalidOperationException($"the notification stream ended before a {kind} notification");
    }
}
