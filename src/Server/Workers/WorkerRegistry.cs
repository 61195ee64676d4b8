using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.Workers;

/// <summary>The evaluation workers that registered.</summary>
internal sealed class WorkerRegistry(ContestDatabase db)
{
    private readonly ILiteCollection<WorkerRecord> _workers = db.Collection<WorkerRecord>("workers");

    public WorkerRecord? Find(string workerId) => _workers.FindById(workerId);

    public void Register(WorkerRecord worker) => db.Write(() => _workers.Insert(worker));
}
