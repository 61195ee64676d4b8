using System.Text.Json;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>
/// One server per data directory: an exclusive OS lock (flock on Linux, through FileShare.None) on
/// server.lock, held open for the life of the process, so the kernel drops it when the process ends,
/// however it ends (kill -9 included). Who holds it (pid, host, start, addresses) is written beside
/// it to server.owner, because a locked file cannot be read by a process that fails to lock it.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    public const string LockFileName = "server.lock";
    public const string OwnerFileName = "server.owner";

    private readonly FileStream _lockFile;
    private readonly string _ownerPath;
    private readonly ServerOwner _owner;

    private DataDirectoryLock(FileStream lockFile, string ownerPath, ServerOwner owner)
    {
        _lockFile = lockFile;
        _ownerPath = ownerPath;
        _owner = owner;
    }

    /// <summary>Takes the lock or throws <see cref="DataDirectoryInUseException"/> naming the holder.</summary>
    public static DataDirectoryLock Acquire(string dataDirectory, DateTimeOffset now)
    {
        Directory.CreateDirectory(dataDirectory);
        var lockPath = Path.Combine(dataDirectory, LockFileName);
        var ownerPath = Path.Combine(dataDirectory, OwnerFileName);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(lockPath))
        {
            throw new DataDirectoryInUseException(dataDirectory, ReadOwner(ownerPath));
        }
        var owner = new ServerOwner(Environment.ProcessId, Environment.MachineName, now, []);
        var held = new DataDirectoryLock(lockFile, ownerPath, owner);
        held.WriteOwner(owner);
        return held;
    }

    /// <summary>Records where the server listens, once Kestrel has bound its addresses.</summary>
    public void RecordAddresses(IReadOnlyList<string> addresses) => WriteOwner(_owner with { Addresses = [.. addresses] });

    public void Dispose()
    {
        try
        {
            File.Delete(_ownerPath);
        }
        catch (IOException)
        {
            // A stale owner file is harmless: it is only read when the lock is held by someone.
        }
        _lockFile.Dispose();
    }

    private void WriteOwner(ServerOwner owner)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(owner);
        // The holder's description also goes into the locked file, for a person reading it later.
        _lockFile.SetLength(0);
        _lockFile.Write(json);
        _lockFile.Flush();
        var temp = _ownerPath + ".tmp";
        File.WriteAllBytes(temp, json);
        File.Move(temp, _ownerPath, overwrite: true);
    }

    private static ServerOwner? ReadOwner(string ownerPath)
    {
        try
        {
            return JsonSerializer.Deserialize<ServerOwner>(File.ReadAllBytes(ownerPath));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
