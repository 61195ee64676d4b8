using Contest.Contracts;
using Contest.Contracts.V1;
using Contest.Core.Text;
using Contest.Server.Infrastructure;
using Contest.Server.Jobs;

namespace Contest.Server.Analyses;

/// <summary>What a worker reported for a finished analysis, checked and cleaned (<see cref="AnalysisReport.Read"/>).</summary>
internal sealed record AnalysisReport(
    List<SummaryEntry> Summary,
    List<TableState> Tables,
    string Notes,
    List<string> ArtifactNames,
    Dictionary<string, string> Parameters)
{
    public const int MaxSummaryEntries = 128;
    public const int MaxParameters = 32;
    public const int MaxNameLength = 100;
    public const int MaxValueLength = 500;
    public const int MaxNotesLength = 4000;

    /// <summary>
    /// The worker's result, read as hostile: every text cleaned and capped, counts capped, every artifact
    /// it names one the worker uploaded under this job. A result that cannot be stored as sent is
    /// refused with InvalidArgument, naming what is wrong.
    /// </summary>
    /// <param name="reported">The result as the worker sent it.</param>
    /// <param name="job">The analysis job, with the artifacts uploaded under its lease.</param>
    /// <param name="analysis">The analysis as queued: its kind and the parameters the worker may add to, never replace.</param>
    public static AnalysisReport Read(AnalysisResult reported, JobRecord job, AnalysisRecord analysis)
    {
        if (reported.Kind != AnalysisKind.Unspecified && reported.Kind != analysis.Kind)
            throw RpcErrors.InvalidArgument(
                $"job {job.Id} runs the {Words.Of(analysis.Kind)} analysis; the result says {Words.Of(reported.Kind)}.");
        return new AnalysisReport(
            SummaryOf(reported),
            ResultTables.Read(reported.Tables),
            ModelText.Clean(reported.Notes, MaxNotesLength),
            ArtifactNamesOf(reported, job),
            ParametersOf(reported, analysis.Parameters));
    }

    private static List<SummaryEntry> SummaryOf(AnalysisResult reported)
    {
        if (reported.Summary.Count > MaxSummaryEntries)
            throw RpcErrors.InvalidArgument($"an analysis summary has at most {MaxSummaryEntries} entries; this one has {reported.Summary.Count}.");
        var summary = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in reported.Summary)
            summary.TryAdd(NameOf(name, "summary entry"), value);
        return [.. summary.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SummaryEntry { Name = s.Key, Value = s.Value })];
    }

    /// <summary>The recorded parameters with the worker's additions (its device, say); the request's own are never replaced.</summary>
    private static Dictionary<string, string> ParametersOf(AnalysisResult reported, IReadOnlyDictionary<string, string> recorded)
    {
        if (reported.Parameters.Count > MaxParameters)
            throw RpcErrors.InvalidArgument($"an analysis result adds at most {MaxParameters} parameters; this one has {reported.Parameters.Count}.");
        var merged = new Dictionary<string, string>(recorded, StringComparer.Ordinal);
        foreach (var (name, value) in reported.Parameters)
            merged.TryAdd(NameOf(name, "parameter"), ModelText.Clean(value, MaxValueLength));
        return merged;
    }

    private static List<string> ArtifactNamesOf(AnalysisResult reported, JobRecord job)
    {
        var names = new List<string>();
        foreach (var artifact in reported.Artifacts)
        {
            if (!job.Artifacts.Any(a => a.Name == artifact.Name))
                throw RpcErrors.InvalidArgument(
                    $"the analysis result names the artifact '{ModelText.Clean(artifact.Name, MaxNameLength)}', but job {job.Id} has no artifact of that name; upload it before completing.");
            if (!names.Contains(artifact.Name))
                names.Add(artifact.Name);
        }
        return names;
    }

    private static string NameOf(string name, string what)
    {
        var cleaned = ModelText.Clean(name, MaxNameLength);
        return cleaned.Length > 0 ? cleaned : throw RpcErrors.InvalidArgument($"an analysis result's {what} has no name.");
    }
}
