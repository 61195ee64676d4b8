using Contest.Contracts.V1;

namespace Contest.Server.Analyses;

/// <summary>An analysis the organizers ran, from its request to the tables its worker reported. Its id is its job's.</summary>
internal sealed class AnalysisRecord
{
    /// <summary>The analysis job's id (one job per analysis).</summary>
    public string Id { get; set; } = "";

    public AnalysisKind Kind { get; set; }

    /// <summary>The request as queued, serialized: the worker reads its settings from it exactly as the server checked them.</summary>
    public byte[] Request { get; set; } = [];

    public long Seed { get; set; }

    /// <summary>The settings as the analysis runs them (defaults filled in), then what the worker added, such as its device.</summary>
    public Dictionary<string, string> Parameters { get; set; } = [];

    /// <summary>A mirror of the job's status, for reading the record alone (the job's own status is the one shown).</summary>
    public JobStatus Status { get; set; } = JobStatus.Queued;

    public DateTime CreatedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Headline numbers (kept as a list: the names come from the worker, not from us).</summary>
    public List<SummaryEntry> Summary { get; set; } = [];

    public List<TableState> Tables { get; set; } = [];

    /// <summary>What was done where the method leaves a choice, in the worker's words (cleaned, capped).</summary>
    public string Notes { get; set; } = "";

    /// <summary>The job's artifacts the result presents (plots, raw runs), by name.</summary>
    public List<string> ArtifactNames { get; set; } = [];

    /// <summary>Why the analysis failed or was cancelled.</summary>
    public string Reason { get; set; } = "";
}

/// <summary>One named number of an analysis's summary.</summary>
internal sealed class SummaryEntry
{
    public string Name { get; set; } = "";

    public double Value { get; set; }
}

/// <summary>One table of an analysis's result.</summary>
internal sealed class TableState
{
    public string Name { get; set; } = "";

    public List<string> Columns { get; set; } = [];

    public List<RowState> Rows { get; set; } = [];
}

/// <summary>One row of a result table.</summary>
internal sealed class RowState
{
    public List<string> Cells { get; set; } = [];
}
