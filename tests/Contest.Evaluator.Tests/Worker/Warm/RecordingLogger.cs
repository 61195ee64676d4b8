using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Contest.Evaluator.Tests.Worker.Warm;

/// <summary>Keeps what the pool logs, so a failed count of processes can say why each one was started.</summary>
internal sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string Lines => string.Join(Environment.NewLine, _lines);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
}
