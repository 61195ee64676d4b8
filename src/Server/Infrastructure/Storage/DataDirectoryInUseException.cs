namespace Contest.Server.Infrastructure.Storage;

/// <summary>Another server holds the data directory; the message names it and says what to do.</summary>
internal sealed class DataDirectoryInUseException(string dataDirectory, ServerOwner? owner)
    : Exception(Describe(dataDirectory, owner))
{
    private static string Describe(string dataDirectory, ServerOwner? owner)
    {
        if (owner is null)
            return $"data directory {dataDirectory} is in use by another server (its {DataDirectoryLock.LockFileName} is locked); stop it first.";
        var listening = owner.Addresses.Length == 0 ? "still starting" : $"listening on {string.Join(", ", owner.Addresses)}";
        return $"data directory {dataDirectory} is in use by the server with pid {owner.Pid} on {owner.Host} " +
            $"(started {owner.StartedAt:yyyy-MM-dd HH:mm:ss} UTC), {listening}; stop it first.";
    }
}
