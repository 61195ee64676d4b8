using Grpc.Core;
using Grpc.Core.Interceptors;
using LiteDB;

namespace Contest.Server.Infrastructure;

/// <summary>
/// The outermost interceptor: a storage failure anywhere in a call (the key check included) becomes
/// Internal with a message saying so, never an unhandled exception. Logged once, with the cause.
/// </summary>
internal sealed partial class StorageFailureInterceptor(ILogger<StorageFailureInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw Translate(context, e);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw Translate(context, e);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw Translate(context, e);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw Translate(context, e);
        }
    }

    // IOExceptions of a call's own stream (a client that went away) are not storage failures.
    private static bool IsStorageFailure(Exception e) => e is LiteException;

    private RpcException Translate(ServerCallContext context, Exception e)
    {
        LogStorageFailure(logger, context.Method, e.Message, e);
        return RpcErrors.Internal(
            $"the server's storage failed while handling {context.Method} ({e.Message}); nothing of this call was saved. " +
            "Try again shortly; if it keeps failing, tell the organizers (the server's log has the details).");
    }

    [LoggerMessage(EventId = 950, Level = LogLevel.Error, Message = "Storage failure in {Method}: {Failure}")]
    private static partial void LogStorageFailure(ILogger logger, string method, string failure, Exception exception);
}
