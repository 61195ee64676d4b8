namespace Contest.Server.Infrastructure.Storage;

/// <summary>The server holding a data directory, as written to server.owner.</summary>
internal sealed record ServerOwner(int Pid, string Host, DateTimeOffset StartedAt, string[] Addresses);
