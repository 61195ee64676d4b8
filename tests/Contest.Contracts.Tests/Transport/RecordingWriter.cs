using Grpc.Core;

namespace Contest.Contracts.Tests.Transport;

/// <summary>The request side of a client-streaming call: records what is written, or fails like a call the server already ended.</summary>
internal sealed class RecordingWriter<T> : IClientStreamWriter<T>
{
    /// <summary>Messages written, in order.</summary>
    public List<T> Messages { get; } = [];

    /// <summary>Whether the stream was completed.</summary>
    public bool Completed { get; private set; }

    /// <summary>Thrown by every write after <see cref="WritesBeforeFailure"/> (none when null).</summary>
    public Exception? Failure { get; init; }

    /// <summary>How many writes succeed before <see cref="Failure"/> is thrown.</summary>
    public int WritesBeforeFailure { get; init; }

    public WriteOptions? WriteOptions { get; set; }

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        if (Failure is not null && Messages.Count == WritesBeforeFailure)
            throw Failure;
        Messages.Add(message);
        return Task.CompletedTask;
    }

    public Task CompleteAsync()
    {
        Completed = true;
        return Task.CompletedTask;
    }
}
