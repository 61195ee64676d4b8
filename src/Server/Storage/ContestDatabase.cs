using Contest.Server.Storage.Records;
using LiteDB;

namespace Contest.Server.Storage;

/// <summary>
/// The server's one LiteDB instance (contest.db in the data directory). Reads go straight to the
/// collections; every write goes through <see cref="Write{T}"/>, which serializes writers and runs
/// them in a transaction, so concurrent calls cannot interleave a read-modify-write.
/// </summary>
internal sealed class ContestDatabase : IDisposable
{
    private readonly LiteDatabase _db;
    private readonly Lock _writeLock = new();

    public ContestDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var connection = new ConnectionString
        {
            Filename = Path.Combine(dataDirectory, "contest.db"),
            Connection = ConnectionType.Direct,
        };
        _db = new LiteDatabase(connection, CreateMapper());
        // LiteDB hands DateTimes back in local time unless told otherwise; every record is UTC.
        _db.UtcDate = true;
        EnsureIndexes();
    }

    public ILiteCollection<TeamRecord> Teams => _db.GetCollection<TeamRecord>("teams");

    public ILiteCollection<ApiKeyRecord> ApiKeys => _db.GetCollection<ApiKeyRecord>("api_keys");

    public ILiteCollection<DefenseRecord> Defenses => _db.GetCollection<DefenseRecord>("defenses");

    public ILiteCollection<AuditRecord> Audit => _db.GetCollection<AuditRecord>("audit");

    public ILiteCollection<JobRecord> Jobs => _db.GetCollection<JobRecord>("jobs");

    public ILiteCollection<WorkerRecord> Workers => _db.GetCollection<WorkerRecord>("workers");

    public ILiteCollection<AttackRecord> Attacks => _db.GetCollection<AttackRecord>("attacks");

    public ILiteCollection<RoundRecord> Rounds => _db.GetCollection<RoundRecord>("rounds");

    public ILiteCollection<ReviewRecord> Reviews => _db.GetCollection<ReviewRecord>("reviews");

    public ILiteCollection<AppealRecord> Appeals => _db.GetCollection<AppealRecord>("appeals");

    public ILiteCollection<ScoreRecord> Scores => _db.GetCollection<ScoreRecord>("scores");

    /// <summary>Runs <paramref name="work"/> alone and atomically: all its writes land, or none.</summary>
    public T Write<T>(Func<T> work)
    {
        lock (_writeLock)
        {
            _db.BeginTrans();
            try
            {
                var result = work();
                _db.Commit();
                return result;
            }
            catch
            {
                _db.Rollback();
                throw;
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> alone and atomically.</summary>
    public void Write(Action work) => Write(() =>
    {
        work();
        return true;
    });

    public void Dispose() => _db.Dispose();

    private void EnsureIndexes()
    {
        Teams.EnsureIndex(t => t.NameKey, unique: true);
        ApiKeys.EnsureIndex(k => k.Hash, unique: true);
        ApiKeys.EnsureIndex(k => k.TeamId);
        Defenses.EnsureIndex(d => d.TeamId);
        Defenses.EnsureIndex(d => d.Sha256);
        Audit.EnsureIndex(a => a.At);
        Audit.EnsureIndex(a => a.Action);
        Jobs.EnsureIndex(j => j.Status);
        Jobs.EnsureIndex(j => j.LeaseId);
        Jobs.EnsureIndex(j => j.DefenseId);
        Jobs.EnsureIndex(j => j.TeamId);
        Attacks.EnsureIndex(a => a.TeamId);
        Attacks.EnsureIndex(a => a.Status);
        Attacks.EnsureIndex(a => a.RoundId);
        Attacks.EnsureIndex(a => a.SubmittedAt);
        Rounds.EnsureIndex(r => r.Status);
        Reviews.EnsureIndex(r => r.AttackId);
        Reviews.EnsureIndex(r => r.ReviewerKeyId);
        Appeals.EnsureIndex(a => a.DefenseId);
        Scores.EnsureIndex(s => s.DefenseId);
        Scores.EnsureIndex(s => s.AttackId);
    }

    private static BsonMapper CreateMapper()
    {
        // Keep strings exactly as given: no trimming, no "" -> null.
        var mapper = new BsonMapper
        {
            TrimWhitespace = false,
            EmptyStringToNull = false,
            EnumAsInteger = false,
            SerializeNullValues = false,
        };
        mapper.Entity<TeamRecord>().Id(t => t.Id, autoId: false);
        mapper.Entity<ApiKeyRecord>().Id(k => k.Id, autoId: false);
        mapper.Entity<DefenseRecord>().Id(d => d.Id, autoId: false);
        mapper.Entity<AuditRecord>().Id(a => a.Id, autoId: false);
        mapper.Entity<JobRecord>().Id(j => j.Id, autoId: false).Ignore(j => j.IsFinished);
        mapper.Entity<WorkerRecord>().Id(w => w.Id, autoId: false);
        mapper.Entity<AttackRecord>().Id(a => a.Id, autoId: false);
        mapper.Entity<RoundRecord>().Id(r => r.Id, autoId: false);
        mapper.Entity<ReviewRecord>().Id(r => r.Id, autoId: false).Ignore(r => r.IsSubmitted);
        mapper.Entity<AppealRecord>().Id(a => a.Id, autoId: false);
        mapper.Entity<ScoreRecord>().Id(s => s.Id, autoId: false);
        return mapper;
    }
}
