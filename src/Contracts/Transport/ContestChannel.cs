using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Contest.Contracts.Transport;

/// <summary>
/// One gRPC channel to a Contest server with the API key sent as <c>authorization: Bearer KEY</c> on
/// every call, unary and streaming. The client, the workers and the tests all connect through this.
/// </summary>
public sealed class ContestChannel : IDisposable
{
    private readonly GrpcChannel _channel;

    /// <param name="server">"http://host:port", or "host:port" (cleartext HTTP/2 is assumed).</param>
    /// <param name="apiKey">The key to send; none when null or blank.</param>
    /// <param name="maxMessageBytes">The largest message sent or received.</param>
    public ContestChannel(string server, string? apiKey, int maxMessageBytes)
    {
        Address = NormalizeAddress(server);
        _channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = maxMessageBytes,
            MaxSendMessageSize = maxMessageBytes,
        });
        var key = apiKey?.Trim();
        Invoker = _channel.Intercept(metadata =>
        {
            if (!string.IsNullOrEmpty(key))
                metadata.Add("authorization", $"Bearer {key}");
            return metadata;
        });
    }

    /// <summary>The server's address as used.</summary>
    public string Address { get; }

    /// <summary>Calls made through this carry the key.</summary>
    public CallInvoker Invoker { get; }

    /// <summary>Adds "http://" when no scheme is given and drops a trailing slash.</summary>
    public static string NormalizeAddress(string server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var trimmed = server.Trim().TrimEnd('/');
        return trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : $"http://{trimmed}";
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();
}
