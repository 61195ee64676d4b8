using Contest.Contracts.V1;
using Contest.FunctionalTests.Infrastructure;
using Contest.Server.Auth;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Contest.FunctionalTests.Limits;

/// <summary>Watch streams are capped per key, re-checked against revocation and ended after their longest duration.</summary>
public class StreamLimitTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Watch_PastTheStreamsPerKey_IsResourceExhaustedUntilOneCloses()
    {
        await using var server = await TestServer.StartAsync(null, "--max-streams-per-key", "2");
        var key = await server.CreateTeamAsync("watchers", Role.Attacker);
        var notifications = new NotificationService.NotificationServiceClient(server.Invoker(key));
        using var first = notifications.Watch(new WatchRequest());
        await first.ResponseHeadersAsync;
        using var second = notifications.Watch(new WatchRequest());
        await second.ResponseHeadersAsync;

        using var third = notifications.Watch(new WatchRequest());
        var refused = await Assert.ThrowsAsync<RpcException>(() => third.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("already has 2 streams open", refused.Status.Detail);

        first.Dispose();
        await StreamCounts.SettlesAsync(() => StreamCounts.OpenFor(server, key) == 1);
        using var again = notifications.Watch(new WatchRequest());
        await again.ResponseHeadersAsync;
        Assert.Equal(2, StreamCounts.OpenFor(server, key));
    }

    [Fact]
    public async Task Watch_KeyRevokedWhileOpen_EndsUnauthenticatedAtTheNextCheck()
    {
        var clock = new FakeTimeProvider(Wednesday);
        await using var server = await TestServer.StartWithClockAsync(clock, "--stream-recheck-seconds", "30");
        var teams = server.Teams(server.OrganizerKey);
        var created = await teams.CreateTeamAsync(new CreateTeamRequest { Name = "leaky", Roles = { Role.Attacker } });
        using var watch = new NotificationService.NotificationServiceClient(server.Invoker(created.Key)).Watch(new WatchRequest());
        await watch.ResponseHeadersAsync;

        await teams.RevokeKeyAsync(new RevokeKeyRequest { KeyId = created.KeyInfo.Id, Reason = "leaked" });
        clock.Advance(TimeSpan.FromSeconds(30));

        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext()).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.Contains("revoked", ended.Status.Detail);
        await StreamCounts.SettlesAsync(() => server.Services.GetRequiredService<StreamGuard>().OpenFor(created.KeyInfo.Id) == 0);
    }

    [Fact]
    public async Task Watch_PastItsLongestDuration_EndsDeadlineExceeded()
    {
        var clock = new FakeTimeProvider(Wednesday);
        await using var server = await TestServer.StartWithClockAsync(clock, "--stream-recheck-seconds", "30", "--max-stream-seconds", "60");
        var key = await server.CreateTeamAsync("patient", Role.Attacker);
        using var watch = new NotificationService.NotificationServiceClient(server.Invoker(key)).Watch(new WatchRequest());
        await watch.ResponseHeadersAsync;
        var next = watch.ResponseStream.MoveNext();

        clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(200);
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(30));

        var ended = await Assert.ThrowsAsync<RpcException>(() => next).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(StatusCode.DeadlineExceeded, ended.StatusCode);
        Assert.Contains("open a new one", ended.Status.Detail);
    }
}
