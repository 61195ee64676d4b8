using Contest.Server.Infrastructure;
using Grpc.Core;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace Contest.Server.Tests.Infrastructure;

public class StorageFailureInterceptorTests
{
    private readonly StorageFailureInterceptor _interceptor = new(NullLogger<StorageFailureInterceptor>.Instance);

    [Fact]
    public async Task UnaryCall_WhoseKeyCheckHitsADamagedDatabase_FailsWithAClearInternalError()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", new FakeCallContext("/contest.v1.TeamService/ListTeams"),
            (_, _) => throw new LiteException(0, "page type must be index page")));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Contains("storage failed while handling /contest.v1.TeamService/ListTeams", error.Status.Detail);
        Assert.Contains("page type must be index page", error.Status.Detail);
    }

    [Fact]
    public async Task UnaryCall_RefusedByTheService_KeepsItsOwnError()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.UnaryServerHandler<string, string>(
            "request", new FakeCallContext("/contest.v1.TeamService/ListTeams"),
            (_, _) => throw new RpcException(new Status(StatusCode.PermissionDenied, "organizers only"))));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task ServerStreamingCall_FailingInStorage_FailsWithAClearInternalError()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _interceptor.ServerStreamingServerHandler<string, string>(
            "request", null!, new FakeCallContext("/contest.v1.AdminService/Backup"),
            (_, _, _) => throw new LiteException(0, "checkpoint failed")));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    private sealed class FakeCallContext(string method) : ServerCallContext
    {
        protected override string MethodCore => method;
        protected override string HostCore => "localhost";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore { get; } = [];
        protected override CancellationToken CancellationTokenCore => CancellationToken.None;
        protected override Metadata ResponseTrailersCore { get; } = [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);
        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();
        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
