using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Contest.FunctionalTests.Infrastructure;

/// <summary>
/// A logger provider that keeps the test server's log lines and lets a test await one: for what only
/// the log says (a local worker registered), without polling.
/// </summary>
internal sealed class LogLines : ILoggerProvider
{
    private readonly List<string> _lines = [];
    // Both guarded by _gate: a line is either seen by a waiter's first look or delivered to it, never lost between.
    private readonly ConcurrentDictionary<Guid, (Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = new();
    private readonly Lock _gate = new();

    /// <summary>Completes with the first line (already logged or still to come) that matches.</summary>
    public Task<string> WaitForAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } line)
                return Task.FromResult(line);
            _waiters[Guid.NewGuid()] = (match, seen);
        }
        return seen.Task;
    }

    public ILogger CreateLogger(string categoryName) => new Writer(this);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            foreach (var (id, waiter) in _waiters)
            {
                if (waiter.Match(line) && _waiters.TryRemove(id, out _))
                    waiter.Seen.TrySetResult(line);
            }
        }
    }

    private sealed class Writer(LogLines lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Add(formatter(state, exception));
    }
}
