using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.Workers;

/// <summary>The evaluation workers that registered.</summary>
internal sealed class WorkerRegistry(ContestDatabase db)
{
    private readonly ILiteCollection<WorkerRecord> _workers = db.Collection<WorkerRecord>("workers");

    public WorkerRecord? Find(string workerId) => _workers.FindById(workerId);

    /// <summary>The ids of every worker one team registered (few: one per worker start).</summary>
    public IReadOnlySet<string> IdsOf(string teamId) =>
        _workers.Find(w => w.TeamId == teamId).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);

    public void Register(WorkerRecord worker) => db.Write(() => _workers.Insert(worker));
}
