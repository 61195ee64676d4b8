using LiteDB;

namespace Contest.Server.Infrastructure.Storage;

/// <summary>
/// The server's one LiteDB instance (contest.db in the data directory). Each feature owns its
/// collections through a store of its own (its queries and the indexes they need in one file); this
/// class only opens the file and runs writes. Every write goes through <see cref="Write{T}"/>, which
/// serializes writers and runs them in one transaction, so concurrent calls cannot interleave a
/// read-modify-write; what must happen only once a write is durable goes to <see cref="AfterCommit"/>.
/// </summary>
internal sealed class ContestDatabase : IDisposable
{
    private readonly LiteDatabase _db;
    private readonly Lock _writeLock = new();
    private int _depth;
    private List<Action>? _afterCommit;

    public ContestDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var connection = new ConnectionString
        {
            Filename = Path.Combine(dataDirectory, "contest.db"),
            Connection = ConnectionType.Direct,
        };
        // Keep strings exactly as given (no trimming, no "" -> null) and enums readable.
        var mapper = new BsonMapper
        {
            TrimWhitespace = false,
            EmptyStringToNull = false,
            EnumAsInteger = false,
            SerializeNullValues = false,
        };
        _db = new LiteDatabase(connection, mapper);
        // LiteDB hands DateTimes back in local time unless told otherwise; every record is UTC.
        _db.UtcDate = true;
    }

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

    public void Dispose() => _db.Dispose();

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
