using Contest.Contracts.V1;
using Contest.Server.Infrastructure.Storage;
using LiteDB;

namespace Contest.Server.Analyses;

/// <summary>The analysis records and every query on them. Changes go inside a write.</summary>
internal sealed class AnalysisStore
{
    private readonly ILiteCollection<AnalysisRecord> _analyses;

    public AnalysisStore(ContestDatabase db)
    {
        _analyses = db.Collection<AnalysisRecord>("analyses");
        _analyses.EnsureIndex(a => a.Kind);
    }

    /// <summary>The analysis run by this job, if any.</summary>
    public AnalysisRecord? Find(string jobId) => _analyses.FindById(jobId);

    public void Insert(AnalysisRecord analysis) => _analyses.Insert(analysis);

    /// <summary>Applies <paramref name="change"/> to the analysis and stores it; does nothing if it is gone.</summary>
    public void Update(string jobId, Action<AnalysisRecord> change)
    {
        var analysis = _analyses.FindById(jobId);
        if (analysis is null)
            return;
        change(analysis);
        _analyses.Update(analysis);
    }

    /// <summary>Analyses newest first: every kind, or one (<see cref="AnalysisKind.Unspecified"/> means every kind).</summary>
    public IEnumerable<AnalysisRecord> Newest(AnalysisKind kind) =>
        (kind == AnalysisKind.Unspecified ? _analyses.FindAll() : _analyses.Find(a => a.Kind == kind)).OrderByDescending(a => a.CreatedAt);
}
