using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.References;

/// <summary>The reference model records and the built-in baselines' marker, with every query on them. Changes go inside a write.</summary>
internal sealed class ReferenceStore
{
    private const string BaselinesMarkerId = "built-in-baselines";

    private readonly ILiteCollection<ReferenceRecord> _references;
    private readonly ILiteCollection<BaselineSeedRecord> _seeding;

    public ReferenceStore(ContestDatabase db)
    {
        _references = db.Collection<ReferenceRecord>("references");
        _references.EnsureIndex(r => r.DefenseId);
        _references.EnsureIndex(r => r.JobId);
        _seeding = db.Collection<BaselineSeedRecord>("reference_seeding");
    }

    public ReferenceRecord? Find(string referenceId) => _references.FindById(referenceId);

    public void Insert(ReferenceRecord reference) => _references.Insert(reference);

    /// <summary>Applies <paramref name="change"/> to the reference and stores it; does nothing if it is gone.</summary>
    public void Update(string referenceId, Action<ReferenceRecord> change)
    {
        var reference = _references.FindById(referenceId);
        if (reference is null)
            return;
        change(reference);
        _references.Update(reference);
    }

    /// <summary>The reference registered as this defense, if any.</summary>
    public ReferenceRecord? OfDefense(string defenseId) =>
        defenseId.Length == 0 ? null : _references.FindOne(r => r.DefenseId == defenseId);

    /// <summary>Every reference, newest first.</summary>
    public IEnumerable<ReferenceRecord> Newest() => _references.FindAll().OrderByDescending(r => r.CreatedAt);

    /// <summary>When and which built-in baselines were queued for this data directory, or null if never.</summary>
    public BaselineSeedRecord? BaselinesQueued() => _seeding.FindById(BaselinesMarkerId);

    public void MarkBaselinesQueued(DateTime now, IEnumerable<string> referenceIds) =>
        _seeding.Insert(new BaselineSeedRecord { Id = BaselinesMarkerId, QueuedAt = now, ReferenceIds = [.. referenceIds] });
}
