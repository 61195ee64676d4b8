namespace Contest.Server.Infrastructure.Storage;

/// <summary>contest.db is damaged or missing and nothing could recover it; the message says what to do.</summary>
internal sealed class DatabaseUnrecoverableException(string message) : Exception(message);
