using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>
/// The server's one LiteDB instance (contest.db in the data directory). Each feature owns its
/// collections through a store of its own (its queries and the indexes they need in one file); this
/// class only opens the file (checked, and recovered if damaged: <see cref="DatabaseRecovery"/>) and
/// runs writes. Every write goes through <see cref="Write{T}"/>, which serializes writers and runs
/// them in one transaction, so concurrent calls cannot interleave a read-modify-write; what must
/// happen only once a write is durable goes to <see cref="AfterCommit"/>.
/// </summary>
internal sealed partial class ContestDatabase : IDisposable
{
    public const string FileName = "contest.db";

    private readonly LiteDatabase _db;
    private readonly ILogger _logger;
    private readonly Lock _writeLock = new();
    private int _depth;
    private List<Action>? _afterCommit;
    private bool _disposed;

    public ContestDatabase(string dataDirectory, ILogger<ContestDatabase>? logger = null, TimeProvider? clock = null)
    {
        Directory.CreateDirectory(dataDirectory);
        DataDirectory = dataDirectory;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var recovery = new DatabaseRecovery(dataDirectory, _logger, clock ?? TimeProvider.System);
        _db = recovery.Open();
    }

    /// <summary>The folder holding contest.db.</summary>
    public string DataDirectory { get; }

    /// <summary>A collection of records, for the store that owns it.</summary>
    public ILiteCollection<T> Collection<T>(string name) => _db.GetCollection<T>(name);

    /// <summary>How a record type is stored (members to leave out); call in the owning store's constructor.</summary>
    public EntityBuilder<T> Map<T>() => _db.Mapper.Entity<T>();

    /// <summary>
    /// Runs <paramref name="work"/> alone and atomically: all its writes land, or none. A write inside
    /// a write joins the outer one.
    /// </summary>
    public T Write<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        List<Action>? committed;
        T result;
        lock (_writeLock)
        {
            if (_depth > 0)
                return Nested(work);
            _db.BeginTrans();
            _afterCommit = null;
            try
            {
                result = Nested(work);
                _db.Commit();
            }
            catch
            {
                _db.Rollback();
                _afterCommit = null;
                throw;
            }
            committed = _afterCommit;
            _afterCommit = null;
        }
        foreach (var action in committed ?? [])
            action();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> alone and atomically.</summary>
    public void Write(Action work) => Write(() =>
    {
        work();
        return true;
    });

    /// <summary>
    /// Runs <paramref name="work"/> while no write can start, after copying every committed write from
    /// LiteDB's log into contest.db, so the file on disk is the whole database as of now (a backup
    /// copies it from inside). Nothing may be written from inside.
    /// </summary>
    public T Quiesced<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_writeLock)
        {
            if (_depth > 0)
                throw new InvalidOperationException("a quiesced read cannot run inside a write.");
            _db.Checkpoint();
            return work();
        }
    }

    /// <summary>
    /// Every string field of every record, in every collection (for the blob collector and backups,
    /// which keep whatever a record names). Call inside <see cref="Quiesced{T}"/> or a write for a
    /// consistent view.
    /// </summary>
    public IEnumerable<string> AllStrings()
    {
        foreach (var name in _db.GetCollectionNames())
        {
            foreach (var document in _db.GetCollection(name).FindAll())
            {
                foreach (var text in DocumentStrings.Of(document))
                    yield return text;
            }
        }
    }

    /// <summary>How many records each collection holds.</summary>
    public IReadOnlyDictionary<string, int> Counts() =>
        _db.GetCollectionNames().Order(StringComparer.Ordinal).ToDictionary(n => n, n => _db.GetCollection(n).Count());

    /// <summary>
    /// Runs <paramref name="action"/> once the current write has committed (never if it rolls back),
    /// outside the write lock; outside a write, runs it now. For waking waiters: they must not see
    /// the change before it is durable, nor miss it.
    /// </summary>
    public void AfterCommit(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_writeLock)
        {
            if (_depth > 0)
            {
                (_afterCommit ??= []).Add(action);
                return;
            }
        }
        action();
    }

    /// <summary>Checkpoints (the log folded into contest.db) and closes the file; a clean shutdown.</summary>
    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed)
                return;
            _disposed = true;
            try
            {
                _db.Checkpoint();
            }
            finally
            {
                // Closed even when the checkpoint failed: the log keeps the writes for the next start.
                _db.Dispose();
            }
            LogClosed(_logger, DataDirectory);
        }
    }

    [LoggerMessage(EventId = 909, Level = LogLevel.Information, Message = "Stopping: records checkpointed, contest.db closed in {Path}")]
    private static partial void LogClosed(ILogger logger, string path);

    private T Nested<T>(Func<T> work)
    {
        _depth++;
        try
        {
            return work();
        }
        finally
        {
            _depth--;
        }
    }
}
